import { asc, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { crawlRuns, sources } from "../../schema/index.ts";

export interface SourceCrawlStatus {
  id: string;
  name: string;
  enabled: boolean;
  health: "healthy" | "unhealthy";
  healthReason: string | null;
  lastRun: {
    id: number;
    status: "running" | "succeeded" | "failed";
    trigger: string;
    startedAt: Date;
    finishedAt: Date | null;
    error: string | null;
  } | null;
  /** When a run of this source last finished successfully. */
  lastSucceededAt: Date | null;
}

// Drizzle renders a column of a single-table select unqualified, which the subqueries would
// read as their own `id`; name it in full.
const sourceIdColumn = sql.raw('"sources"."id"');

/** Every source with its latest crawl run and last success, for the overview and the admin page. */
export async function listSourceCrawlStatus(db: Db): Promise<SourceCrawlStatus[]> {
  const rows = await db
    .select({
      source: sources,
      lastRun: sql<Record<string, unknown> | null>`(
        select json_build_object(
          'id', r.id, 'status', r.status, 'trigger', r.trigger,
          'startedAt', r.started_at, 'finishedAt', r.finished_at, 'error', r.error)
        from ${crawlRuns} r where r.source_id = ${sourceIdColumn}
        order by r.started_at desc, r.id desc limit 1)`,
      lastSucceededAt: sql<string | null>`(
        select max(r.finished_at) from ${crawlRuns} r
        where r.source_id = ${sourceIdColumn} and r.status = 'succeeded')`,
    })
    .from(sources)
    .orderBy(asc(sources.id));
  return rows.map(({ source, lastRun, lastSucceededAt }) => ({
    id: source.id,
    name: source.name,
    enabled: source.enabled !== 0,
    health: source.health,
    healthReason: source.healthReason,
    lastRun: lastRun
      ? {
          id: Number(lastRun.id),
          status: lastRun.status as "running" | "succeeded" | "failed",
          trigger: String(lastRun.trigger),
          startedAt: new Date(String(lastRun.startedAt)),
          finishedAt: lastRun.finishedAt ? new Date(String(lastRun.finishedAt)) : null,
          error: lastRun.error ? String(lastRun.error) : null,
        }
      : null,
    lastSucceededAt: lastSucceededAt ? new Date(lastSucceededAt) : null,
  }));
}
