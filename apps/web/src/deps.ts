import type { Env } from "@trackwatch/config";
import type { Db } from "@trackwatch/db";
import type { TrackwatchMetrics } from "@trackwatch/metrics";
import type { CrawlQueue, EmailQueue } from "@trackwatch/queue";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";

type LogFn = (obj: unknown, msg?: string) => void;

/** The part of a pino logger the web app uses. */
export interface WebLog {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** A configured source as the web app needs it: recrawl accepts only these ids. */
export interface WebSource {
  id: string;
  name?: string | null;
}

export interface WebDeps {
  db: Db;
  config: Env;
  /** Producers only; the dashboard shows every queue given here. */
  queues: { crawl: CrawlQueue; email?: EmailQueue; extract?: Queue; digest?: Queue };
  /** Backs rate limits and /readyz; in-memory limits when absent. */
  redis?: Redis;
  log: WebLog;
  sources: readonly WebSource[];
  /** Served on /metrics when given (`trackwatch start` passes the process's registry). */
  metrics?: Pick<TrackwatchMetrics, "scrape">;
}
