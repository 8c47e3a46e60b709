/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import {
  type CurrentTarget,
  listChanges,
  listCurrentTargets,
  listSourceCrawlStatus,
  listTargetRevisions,
  type TargetRevision,
} from "@trackwatch/db";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";
import { statusName, trackName } from "../i18n/messages.ts";
import { renderPage } from "../render.tsx";
import { ChangeItem } from "../views/change-item.tsx";
import { formatDateTime, formatDeadline, formatTarget } from "../views/format-value.ts";
import { type ChartSeries, TrackChart } from "../views/track-chart.tsx";

const LATEST_CHANGES = 10;

/** Per document and target: its values over revisions, and when the value last moved. */
function seriesByTarget(revisions: TargetRevision[]) {
  const byKey = new Map<string, ChartSeries & { track: string; lastChanged: Date }>();
  for (const r of revisions) {
    const id = `${r.documentId}/${r.key}`;
    let series = byKey.get(id);
    if (!series) {
      series = {
        key: r.key,
        metric: r.metric,
        unit: r.unit,
        track: r.track,
        points: [],
        lastChanged: r.fetchedAt,
      };
      byKey.set(id, series);
    }
    const previous = series.points[series.points.length - 1];
    if (!previous || previous.value !== r.value) series.lastChanged = r.fetchedAt;
    series.points.push({ at: r.fetchedAt, value: r.value });
  }
  return byKey;
}

export function overviewRoutes(deps: WebDeps) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const { t, locale } = c.var;
    const tz = deps.config.TZ;
    const [targets, revisions, latest, sources] = await Promise.all([
      listCurrentTargets(deps.db),
      listTargetRevisions(deps.db),
      listChanges(deps.db, { limit: LATEST_CHANGES }),
      listSourceCrawlStatus(deps.db),
    ]);
    const series = seriesByTarget(revisions);
    const tracks = new Map<string, CurrentTarget[]>();
    for (const target of targets) tracks.set(target.track, [...(tracks.get(target.track) ?? []), target]);

    return renderPage(
      c,
      t.overviewTitle,
      <>
        <p class="muted">{t.tagline}</p>
        {tracks.size === 0 ? <p>{t.noTargets}</p> : null}
        {[...tracks].map(([track, rows]) => {
          const chart = rows
            .map((row) => series.get(`${row.document.id}/${row.key}`))
            .filter((s): s is NonNullable<typeof s> => Boolean(s && s.points.length > 0));
          return (
            <section class="card" id={`track-${track}`} aria-labelledby={`h-${track}`}>
              <h2 id={`h-${track}`}>{trackName(track, locale)}</h2>
              <div class="table-wrap">
                <table>
                  <caption class="muted">{t.currentTargets}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.metric}</th>
                      <th scope="col">{t.target}</th>
                      <th scope="col">{t.deadline}</th>
                      <th scope="col">{t.document}</th>
                      <th scope="col">{t.lastChanged}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const s = series.get(`${row.document.id}/${row.key}`);
                      return (
                        <tr>
                          <td>{row.metric}</td>
                          <td class="num">
                            {formatTarget(row as unknown as Record<string, unknown>, locale)}
                          </td>
                          <td>{formatDeadline(row.year, locale)}</td>
                          <td>
                            <a href={`/documents/${row.document.id}`}>
                              {row.document.title ?? row.document.url}
                            </a>
                          </td>
                          <td class="muted">{s ? formatDateTime(s.lastChanged, locale, tz) : "—"}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <h3>{t.chartTitle}</h3>
              {chart.length > 0 ? (
                <TrackChart
                  series={chart}
                  locale={locale}
                  title={`${trackName(track, locale)} · ${t.chartTitle}`}
                />
              ) : (
                <p class="muted">{t.chartEmpty}</p>
              )}
            </section>
          );
        })}
        <section class="card" aria-labelledby="h-latest">
          <h2 id="h-latest">{t.latestChanges}</h2>
          {latest.changes.length === 0 ? (
            <p>{t.noChanges}</p>
          ) : (
            <ol class="changes">
              {latest.changes.map((change) => (
                <ChangeItem change={change} t={t} locale={locale} timeZone={tz} />
              ))}
            </ol>
          )}
          <p>
            <a href="/changes">{t.allChanges}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-sources">
          <h2 id="h-sources">{t.sourcesTitle}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.filterSource}</th>
                  <th scope="col">{t.lastCrawled}</th>
                  <th scope="col">{t.health}</th>
                </tr>
              </thead>
              <tbody>
                {sources
                  .filter((source) => source.enabled)
                  .map((source) => (
                    <tr>
                      <td>{source.name}</td>
                      <td>
                        {source.lastRun
                          ? formatDateTime(source.lastRun.finishedAt ?? source.lastRun.startedAt, locale, tz)
                          : t.never}
                      </td>
                      <td class={`status-${source.health}`}>{statusName(source.health, locale)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      </>,
    );
  });

  return app;
}
