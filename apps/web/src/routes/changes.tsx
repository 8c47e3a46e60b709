/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { type ChangeView, InvalidCursorError, listChanges, schema } from "@trackwatch/db";
import type { Context } from "hono";
import { Hono } from "hono";
import { etag } from "hono/etag";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";
import {
  type ChangeFilters,
  changeFiltersSchema,
  filtersQuery,
  toListChangesInput,
} from "../change-filters.ts";
import type { WebDeps } from "../deps.ts";
import { kindName, trackName } from "../i18n/messages.ts";
import { renderPage } from "../render.tsx";
import type { TrackCatalog } from "../track-catalog.ts";
import { ChangeItem } from "../views/change-item.tsx";
import { renderChangesAtom } from "../views/changes-atom.ts";

const PAGE_SIZE = 50;
const FEED_SIZE = 50;

function parseFilters(c: Context<AppEnv>): ChangeFilters {
  const parsed = changeFiltersSchema.safeParse(c.req.query());
  if (!parsed.success) {
    throw new HTTPException(400, { message: parsed.error.issues.map((i) => i.message).join("; ") });
  }
  return parsed.data;
}

async function loadPage(deps: WebDeps, filters: ChangeFilters, limit: number) {
  try {
    return await listChanges(deps.db, toListChangesInput(filters, deps.config.TZ, limit));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new HTTPException(400, { message: "invalid cursor" });
    throw error;
  }
}

/** JSON shape of one change for /api/changes; ids and ISO dates, never internal hashes. */
function changeJson(change: ChangeView, publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    ...change,
    detectedAt: change.detectedAt.toISOString(),
    documentUrl: `${base}/documents/${change.document.id}`,
  };
}

export function changesRoutes(deps: WebDeps, catalog: TrackCatalog) {
  const app = new Hono<AppEnv>();
  // Feed readers poll: an ETag lets an unchanged feed answer 304.
  app.use("/changes.atom", etag());
  app.use("/api/changes", etag());

  app.get("/changes", async (c) => {
    const filters = parseFilters(c);
    const page = await loadPage(deps, filters, filters.limit ?? PAGE_SIZE);
    const { t, locale } = c.var;
    const tracks = [...new Set([...(await catalog.list()), ...(filters.track ? [filters.track] : [])])];
    return renderPage(
      c,
      t.changesTitle,
      <>
        <form class="filters" method="get" action="/changes" aria-label="filters">
          <div class="field">
            <label for="f-track">{t.filterTrack}</label>
            <select id="f-track" name="track">
              <option value="">{t.any}</option>
              {tracks.map((track) => (
                <option value={track} selected={filters.track === track}>
                  {trackName(track, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-source">{t.filterSource}</label>
            <select id="f-source" name="source">
              <option value="">{t.any}</option>
              {deps.sources.map((source) => (
                <option value={source.id} selected={filters.source === source.id}>
                  {source.name ?? source.id}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-kind">{t.filterKind}</label>
            <select id="f-kind" name="kind">
              <option value="">{t.any}</option>
              {schema.CHANGE_KINDS.map((kind) => (
                <option value={kind} selected={filters.kind === kind}>
                  {kindName(kind, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-from">{t.filterFrom}</label>
            <input type="date" id="f-from" name="from" value={filters.from ?? ""} />
          </div>
          <div class="field">
            <label for="f-to">{t.filterTo}</label>
            <input type="date" id="f-to" name="to" value={filters.to ?? ""} />
          </div>
          <div class="field">
            <button type="submit">{t.applyFilters}</button>
          </div>
        </form>
        <p class="muted">
          <a href={`/changes.atom${filtersQuery({ ...filters, cursor: undefined })}`}>{t.atomFeed}</a>
          {" · "}
          <a href={`/api/changes${filtersQuery({ ...filters, cursor: undefined })}`}>{t.jsonApi}</a>
        </p>
        {page.changes.length === 0 ? (
          <p>{t.noChanges}</p>
        ) : (
          <ol class="changes">
            {page.changes.map((change) => (
              <ChangeItem change={change} t={t} locale={locale} timeZone={deps.config.TZ} />
            ))}
          </ol>
        )}
        <nav class="pager" aria-label="pagination">
          {filters.cursor ? (
            <a href={`/changes${filtersQuery({ ...filters, cursor: undefined })}`}>{t.firstPage}</a>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <a rel="next" href={`/changes${filtersQuery(filters, page.nextCursor)}`}>
              {t.nextPage}
            </a>
          ) : null}
        </nav>
      </>,
    );
  });

  app.get("/changes.atom", async (c) => {
    const filters = parseFilters(c);
    const page = await loadPage(deps, { ...filters, limit: undefined }, FEED_SIZE);
    const query = filtersQuery({ ...filters, limit: undefined });
    const xml = renderChangesAtom({
      changes: page.changes,
      publicUrl: deps.config.PUBLIC_URL,
      selfPath: `/changes.atom${query}`,
      htmlPath: `/changes${query}`,
      title: `${c.var.t.appName} · ${c.var.t.changesTitle}`,
      locale: c.var.locale,
    });
    return c.body(xml, 200, { "content-type": "application/atom+xml; charset=utf-8" });
  });

  app.get("/api/changes", async (c) => {
    const filters = parseFilters(c);
    const page = await loadPage(deps, filters, filters.limit ?? PAGE_SIZE);
    const base = deps.config.PUBLIC_URL.replace(/\/+$/, "");
    return c.json({
      changes: page.changes.map((change) => changeJson(change, deps.config.PUBLIC_URL)),
      nextCursor: page.nextCursor,
      next: page.nextCursor ? `${base}/api/changes${filtersQuery(filters, page.nextCursor)}` : null,
    });
  });

  return app;
}
