/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import {
  type DocumentHistory,
  DocumentNotFoundError,
  ExtractionNotFoundError,
  getDocumentHistory,
  getExtraction,
  listSnapshotAttachments,
} from "@trackwatch/db";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";
import { type Messages, trackName } from "../i18n/messages.ts";
import { renderPage } from "../render.tsx";
import { versionHref } from "../views/change-item.tsx";
import { diffText } from "../views/diff-text.ts";
import { formatAmount, formatDateTime, formatDeadline, formatTarget } from "../views/format-value.ts";
import { highlightSpans } from "../views/highlight-spans.ts";
import { safeExternalHref } from "../views/safe-href.ts";

const id = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .refine(Number.isSafeInteger);

const querySchema = z.object({
  version: id.optional(),
  a: id.optional(),
  b: id.optional(),
});

type Version = DocumentHistory["versions"][number] & { documentId: number };

/**
 * One row per snapshot (the newest extraction of each), newest first, over the document and its
 * other locations: a change can span a repost's version and this one's, and both must open here.
 */
async function groupVersions(deps: WebDeps, history: DocumentHistory): Promise<Version[]> {
  const others = [history.canonical, ...history.locations].filter(
    (ref): ref is NonNullable<typeof ref> => ref !== null && ref.id !== history.document.id,
  );
  const all: Version[] = history.versions.map((v) => ({ ...v, documentId: history.document.id }));
  for (const other of others.slice(0, 10)) {
    try {
      const otherHistory = await getDocumentHistory(deps.db, { documentId: other.id });
      all.push(...otherHistory.versions.map((v) => ({ ...v, documentId: other.id })));
    } catch (error) {
      if (!(error instanceof DocumentNotFoundError)) throw error;
    }
  }
  all.sort((x, y) => y.fetchedAt.getTime() - x.fetchedAt.getTime() || y.extractionId - x.extractionId);
  const seen = new Set<number>();
  return all.filter((v) => {
    if (seen.has(v.snapshotId)) return false;
    seen.add(v.snapshotId);
    return true;
  });
}

function DiffView(props: { before: string; after: string; t: Messages; labels: [string, string] }) {
  const ops = diffText(props.before, props.after);
  if (ops.every((op) => op.op === "same")) return <p>{props.t.diffNone}</p>;
  return (
    <div class="diff">
      <div>
        <h3>{props.labels[0]}</h3>
        {ops.map((op) => (op.op === "ins" ? null : op.op === "del" ? <del>{op.text}</del> : op.text))}
      </div>
      <div>
        <h3>{props.labels[1]}</h3>
        {ops.map((op) => (op.op === "del" ? null : op.op === "ins" ? <ins>{op.text}</ins> : op.text))}
      </div>
    </div>
  );
}

function MetaList(props: { history: DocumentHistory; t: Messages }) {
  const { document } = props.history;
  const { t } = props;
  const href = safeExternalHref(document.url);
  return (
    <dl>
      {document.issuer ? (
        <>
          <dt>{t.issuer}</dt>
          <dd>{document.issuer}</dd>
        </>
      ) : null}
      {document.docNumber ? (
        <>
          <dt>{t.docNumber}</dt>
          <dd>{document.docNumber}</dd>
        </>
      ) : null}
      {document.publishedAt ? (
        <>
          <dt>{t.published}</dt>
          <dd>{document.publishedAt}</dd>
        </>
      ) : null}
      <dt>{t.url}</dt>
      <dd>
        {href ? (
          <a href={href} rel="noopener noreferrer nofollow">
            {document.url}
          </a>
        ) : (
          document.url
        )}
      </dd>
      {props.history.supersedes ? (
        <>
          <dt>↶</dt>
          <dd>
            <a href={`/documents/${props.history.supersedes.id}`}>
              {props.history.supersedes.title ?? props.history.supersedes.url}
            </a>
          </dd>
        </>
      ) : null}
      {props.history.supersededBy ? (
        <>
          <dt>↷</dt>
          <dd>
            <a href={`/documents/${props.history.supersededBy.id}`}>
              {props.history.supersededBy.title ?? props.history.supersededBy.url}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function documentRoutes(deps: WebDeps) {
  const app = new Hono<AppEnv>();

  app.get("/documents/:id", async (c) => {
    const { t, locale } = c.var;
    const documentId = id.safeParse(c.req.param("id"));
    if (!documentId.success) throw new HTTPException(404, { message: t.notFoundBody });
    const query = querySchema.safeParse(c.req.query());
    if (!query.success) throw new HTTPException(400, { message: "version, a and b must be snapshot ids" });

    let history: DocumentHistory;
    try {
      history = await getDocumentHistory(deps.db, { documentId: documentId.data });
    } catch (error) {
      if (error instanceof DocumentNotFoundError) throw new HTTPException(404, { message: t.notFoundBody });
      throw error;
    }
    const versions = await groupVersions(deps, history);
    const bySnapshot = new Map(versions.map((v) => [v.snapshotId, v]));
    const own = versions.find((v) => v.documentId === documentId.data);
    const current = query.data.version ? bySnapshot.get(query.data.version) : (own ?? versions[0]);
    if (query.data.version && !current) throw new HTTPException(404, { message: t.notFoundBody });

    const load = async (version: Version | undefined) => {
      if (!version) return null;
      try {
        return await getExtraction(deps.db, {
          extractionId: version.extractionId,
          documentId: version.documentId,
        });
      } catch (error) {
        if (error instanceof ExtractionNotFoundError) return null;
        throw error;
      }
    };
    const shown = await load(current);
    const a = query.data.a ? bySnapshot.get(query.data.a) : versions[1];
    const b = query.data.b ? bySnapshot.get(query.data.b) : versions[0];
    if ((query.data.a && !a) || (query.data.b && !b))
      throw new HTTPException(404, { message: t.notFoundBody });
    const [left, right] =
      a && b && a.snapshotId !== b.snapshotId ? await Promise.all([load(a), load(b)]) : [null, null];

    const title =
      history.document.title ?? shown?.extraction.document.title ?? `${t.documentTitle} ${documentId.data}`;
    const extraction = shown?.extraction;
    const targets = extraction?.targets ?? [];
    const rules = extraction?.rules ?? [];
    const spans = [
      ...targets.map((x, i) => ({ x, anchor: `t-${i}` })),
      ...rules.map((x, i) => ({ x, anchor: `r-${i}` })),
    ]
      .filter(({ x }) => !x.attachment && Array.isArray(x.span))
      .map(({ x, anchor }) => ({ start: Number(x.span[0]), end: Number(x.span[1]), id: anchor }));
    const segments = extraction ? highlightSpans(String(extraction.text ?? ""), spans) : [];
    // Targets and rules read from a PDF/DOCX attachment: their spans index into that file's text.
    const files = current ? await listSnapshotAttachments(deps.db, { snapshotId: current.snapshotId }) : [];
    const attachmentSections = files.map((file) => {
      const fileSpans = [
        ...targets.map((x, i) => ({ x, anchor: `t-${i}` })),
        ...rules.map((x, i) => ({ x, anchor: `r-${i}` })),
      ]
        .filter(({ x }) => x.attachment === file.url && Array.isArray(x.span))
        .map(({ x, anchor }) => ({ start: Number(x.span[0]), end: Number(x.span[1]), id: anchor }));
      return { file, href: safeExternalHref(file.url), segments: highlightSpans(file.text, fileSpans) };
    });
    const when = (v: Version) => formatDateTime(v.fetchedAt, locale, deps.config.TZ);

    return renderPage(
      c,
      title,
      <>
        <MetaList history={history} t={t} />
        <h2>{t.targetsAndRules}</h2>
        {!extraction ? (
          <p>{t.noExtraction}</p>
        ) : (
          <>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.filterTrack}</th>
                    <th scope="col">{t.metric}</th>
                    <th scope="col">{t.target}</th>
                    <th scope="col">{t.deadline}</th>
                    <th scope="col">{t.sentence}</th>
                  </tr>
                </thead>
                <tbody>
                  {targets.map((target, i) => (
                    <tr>
                      <td>{trackName(target.track, locale)}</td>
                      <td>{target.metric}</td>
                      <td class="num">
                        {formatTarget(target as unknown as Record<string, unknown>, locale)}
                      </td>
                      <td>{formatDeadline(target.year, locale)}</td>
                      <td>
                        <a href={`#t-${i}`}>{target.text}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {rules.length > 0 ? (
              <>
                <h3>{t.rules}</h3>
                <div class="table-wrap">
                  <table>
                    <tbody>
                      {rules.map((rule, i) => (
                        <tr>
                          <td>{trackName(rule.track, locale)}</td>
                          <td>{rule.metric}</td>
                          <td class="num">
                            {[
                              rule.amount !== null ? formatAmount(rule.amount, "CNY", locale) : null,
                              rule.percent !== null ? `${rule.percent}%` : null,
                            ]
                              .filter(Boolean)
                              .join(", ")}
                          </td>
                          <td>
                            <a href={`#r-${i}`}>{rule.text}</a>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : null}
            <h2>{t.documentText}</h2>
            {current ? <p class="muted">{`${t.fetchedAt}: ${when(current)}`}</p> : null}
            <div class="doc-text">
              {segments.map((s) => (s.mark ? <mark id={s.mark}>{s.text}</mark> : s.text))}
            </div>
            {attachmentSections.map(({ file, href, segments: fileSegments }) => (
              <section class="attachment">
                <h3>
                  {`${t.attachmentText}: `}
                  {href ? <a href={href}>{file.name ?? file.url}</a> : (file.name ?? file.url)}
                </h3>
                {file.warning ? <p class="muted">{file.warning}</p> : null}
                {file.text ? (
                  <div class="doc-text">
                    {fileSegments.map((s) => (s.mark ? <mark id={s.mark}>{s.text}</mark> : s.text))}
                  </div>
                ) : null}
              </section>
            ))}
          </>
        )}
        <h2>{t.snapshots}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.fetchedAt}</th>
                <th scope="col">{t.targetsAndRules}</th>
                <th scope="col">{t.versions}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr>
                  <td>
                    <a
                      href={versionHref(documentId.data, v.snapshotId)}
                      aria-current={v === current ? "true" : undefined}
                    >
                      {when(v)}
                    </a>
                  </td>
                  <td class="num">{`${v.targets} / ${v.rules}`}</td>
                  <td class="muted">
                    {`#${v.snapshotId} · ${v.extractorVersion}`}
                    {v.documentId !== documentId.data ? (
                      <>
                        {" · "}
                        <a href={`/documents/${v.documentId}`}>{t.otherLocation}</a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {versions.length > 1 ? (
          <>
            <h2 id="diff">{t.compareVersions}</h2>
            <form method="get" action={`/documents/${documentId.data}#diff`} class="compare">
              <div class="field">
                <label for="diff-a">{t.previousVersion}</label>
                <select id="diff-a" name="a">
                  {versions.map((v) => (
                    <option value={String(v.snapshotId)} selected={v === a}>
                      {when(v)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="diff-b">{t.newVersion}</label>
                <select id="diff-b" name="b">
                  {versions.map((v) => (
                    <option value={String(v.snapshotId)} selected={v === b}>
                      {when(v)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <button type="submit">{t.compare}</button>
              </div>
            </form>
            {left && right && a && b ? (
              <DiffView
                before={String(left.extraction.text ?? "")}
                after={String(right.extraction.text ?? "")}
                t={t}
                labels={[when(a), when(b)]}
              />
            ) : null}
          </>
        ) : null}
      </>,
      { wide: true },
    );
  });

  return app;
}
