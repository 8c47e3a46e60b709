import { randomUUID } from "node:crypto";
import { CronExpressionParser } from "cron-parser";
import type { Redis } from "ioredis";
import { CRAWL_JOB_OPTIONS, type CrawlJob, type CrawlQueue } from "./crawl-queue.ts";

/** The part of a source definition the schedulers need. */
export interface ScheduledSource {
  id: string;
  /** Cron (5 fields) in the config time zone; absent → manual recrawls only. */
  schedule?: string | null;
  enabled?: boolean | number;
}

export interface UpsertSchedulersResult {
  /** False when another process held the leader lock; nothing was changed then. */
  leader: boolean;
  upserted: { sourceId: string; pattern: string; next: Date | null }[];
  removed: string[];
  /** Sources whose cron did not parse: their previous scheduler, if any, is left as it was. */
  invalid: { sourceId: string; error: string }[];
}

const SCHEDULER_ID_PREFIX = "source-";

export function sourceSchedulerId(sourceId: string): string {
  return `${SCHEDULER_ID_PREFIX}${sourceId}`;
}

/** FNV-1a: a stable per-source number, so the phase survives restarts instead of drifting. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * BullMQ's `offset` only applies to `every` schedulers, so a cron's phase is spread by rewriting
 * the pattern: a per-source second (0–59) and, when the minute field is a literal or a step, a
 * per-source shift of up to `spreadMinutes`. "0 *\/6 * * *" becomes e.g. "17 4 *\/6 * * *".
 */
export function spreadCronPattern(pattern: string, sourceId: string, spreadMinutes = 10): string {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5) return pattern.trim(); // already has seconds, or a shape we leave alone
  const hash = stableHash(sourceId);
  const second = hash % 60;
  const shift = spreadMinutes > 0 ? (hash >>> 8) % (spreadMinutes + 1) : 0;
  const minute = fields[0]!;
  let shifted = minute;
  if (/^\d+(,\d+)*$/.test(minute)) {
    shifted = [...new Set(minute.split(",").map((m) => (Number(m) + shift) % 60))]
      .sort((a, b) => a - b)
      .join(",");
  } else {
    const step = /^\*\/(\d+)$/.exec(minute);
    if (step && Number(step[1]) > 1) {
      const n = Number(step[1]);
      shifted = `${shift % n}-59/${n}`;
    }
  }
  return [String(second), shifted, ...fields.slice(1)].join(" ");
}

function queueConnection(queue: CrawlQueue): Redis {
  const connection = queue.opts.connection as unknown;
  if (
    connection &&
    typeof (connection as Redis).set === "function" &&
    typeof (connection as Redis).eval === "function"
  ) {
    return connection as Redis;
  }
  throw new Error("upsertSourceSchedulers: pass `redis` when the queue was created from connection options");
}

function leaderLockKey(queue: CrawlQueue): string {
  // Under the queue's prefix, so the hash tag puts it in the queue's Redis Cluster slot.
  return `${queue.opts.prefix ?? "bull"}:${queue.name}:schedulers-leader`;
}

const RELEASE_LOCK = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Makes the crawl queue's schedulers match the configured sources: one `upsertJobScheduler` per
 * scheduled source (cron in `tz`, phase spread), and removal of schedulers whose source is gone or
 * lost its schedule. Several processes starting together would race (duplicated or lost
 * schedulers), so only the holder of a short Redis lock (SET NX PX) does the work.
 */
export async function upsertSourceSchedulers(
  queue: CrawlQueue,
  sources: ScheduledSource[],
  options: {
    tz: string;
    /** Any connection to the queue's Redis, for the leader lock; default: the queue's own connection. */
    redis?: Redis;
    spreadMinutes?: number;
    lockTtlMs?: number;
  },
): Promise<UpsertSchedulersResult> {
  const { tz, spreadMinutes = 10, lockTtlMs = 30_000 } = options;
  const client = options.redis ?? queueConnection(queue);
  const result: UpsertSchedulersResult = { leader: false, upserted: [], removed: [], invalid: [] };
  const lockKey = leaderLockKey(queue);
  const token = randomUUID();
  const acquired = await client.set(lockKey, token, "PX", lockTtlMs, "NX");
  if (acquired !== "OK") return result;
  result.leader = true;
  try {
    const keep = new Set<string>();
    for (const source of sources) {
      const enabled = source.enabled === undefined || Boolean(source.enabled);
      const cron = source.schedule?.trim();
      if (!enabled || !cron) continue;
      const id = sourceSchedulerId(source.id);
      try {
        CronExpressionParser.parse(cron, { tz });
      } catch (error) {
        keep.add(id); // bad input: keep the previous good scheduler, report, go on with the rest
        result.invalid.push({
          sourceId: source.id,
          error: `invalid schedule "${cron}": ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      const pattern = spreadCronPattern(cron, source.id, spreadMinutes);
      const data: CrawlJob = { sourceId: source.id, trigger: "schedule", requestedBy: null };
      const job = await queue.upsertJobScheduler(
        id,
        { pattern, tz },
        { name: `scheduled ${source.id}`, data, opts: CRAWL_JOB_OPTIONS },
      );
      keep.add(id);
      const next = job?.opts.delay !== undefined ? new Date(job.timestamp + job.opts.delay) : null;
      result.upserted.push({ sourceId: source.id, pattern, next });
    }
    const existing = await queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      const id = scheduler.id ?? scheduler.key;
      if (!id.startsWith(SCHEDULER_ID_PREFIX) || keep.has(id)) continue;
      await queue.removeJobScheduler(id);
      result.removed.push(id.slice(SCHEDULER_ID_PREFIX.length));
    }
    return result;
  } finally {
    await client.eval(RELEASE_LOCK, 1, lockKey, token);
  }
}

/** Next scheduled run per source id, for `trackwatch sources` and the admin page. */
export async function listSourceSchedules(
  queue: CrawlQueue,
): Promise<Map<string, { pattern: string | null; next: Date | null }>> {
  const schedules = new Map<string, { pattern: string | null; next: Date | null }>();
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.id ?? scheduler.key;
    if (!id.startsWith(SCHEDULER_ID_PREFIX)) continue;
    schedules.set(id.slice(SCHEDULER_ID_PREFIX.length), {
      pattern: scheduler.pattern ?? null,
      next: scheduler.next ? new Date(scheduler.next) : null,
    });
  }
  return schedules;
}
