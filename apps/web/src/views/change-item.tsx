/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { ChangeView } from "@trackwatch/db";
import type { Locale } from "../i18n/locale.ts";
import { kindName, type Messages, trackName } from "../i18n/messages.ts";
import { formatChangeSide, formatDateTime } from "./format-value.ts";

export function versionHref(documentId: number, snapshotId: number): string {
  return `/documents/${documentId}?version=${snapshotId}`;
}

/** One change: what moved (before → after), the sentence, the document and both versions. */
export function ChangeItem(props: { change: ChangeView; t: Messages; locale: Locale; timeZone: string }) {
  const { change, t, locale } = props;
  const doc = change.document;
  return (
    <li id={`change-${change.id}`}>
      <div class="change-head">
        <span class="kind">{kindName(change.kind, locale)}</span>
        <strong>{trackName(change.track, locale)}</strong>
        {change.metric ? <span>{change.metric}</span> : null}
        <time class="muted" datetime={change.detectedAt.toISOString()}>
          {formatDateTime(change.detectedAt, locale, props.timeZone)}
        </time>
      </div>
      <p>
        <span class="before" title={t.before}>
          {formatChangeSide(change.before, locale)}
        </span>
        <span class="arrow" aria-hidden="true">
          →
        </span>
        <span class="after" title={t.after}>
          {formatChangeSide(change.after, locale)}
        </span>
      </p>
      {change.sentence ? <blockquote>{change.sentence}</blockquote> : null}
      <p class="muted">
        {t.document}: <a href={`/documents/${doc.id}`}>{doc.title ?? doc.url}</a>
        {doc.docNumber ? ` · ${doc.docNumber}` : ""}
        {change.fromSnapshotId || change.toSnapshotId ? " · " : ""}
        {change.fromSnapshotId ? (
          <a href={versionHref(doc.id, change.fromSnapshotId)}>{t.previousVersion}</a>
        ) : null}
        {change.fromSnapshotId && change.toSnapshotId ? " / " : ""}
        {change.toSnapshotId ? <a href={versionHref(doc.id, change.toSnapshotId)}>{t.newVersion}</a> : null}
        {change.fromSnapshotId && change.toSnapshotId && change.fromSnapshotId !== change.toSnapshotId ? (
          <>
            {" · "}
            <a href={`/documents/${doc.id}?a=${change.fromSnapshotId}&b=${change.toSnapshotId}#diff`}>
              {t.compare}
            </a>
          </>
        ) : null}
      </p>
    </li>
  );
}
