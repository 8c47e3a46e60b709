import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A configured source, synced from the sources file at start. `definition` keeps the validated entry. */
export const sources = pgTable("sources", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  issuer: text("issuer"),
  definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
  enabled: integer("enabled").notNull().default(1),
  health: text("health", { enum: ["healthy", "unhealthy"] })
    .notNull()
    .default("healthy"),
  healthReason: text("health_reason"),
  healthChangedAt: timestamp("health_changed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type CrawlRunError = { url: string; message: string; kind?: string };

/** One run of one source's crawl, whatever triggered it. */
export const crawlRuns = pgTable(
  "crawl_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    trigger: text("trigger", { enum: ["schedule", "manual", "once"] }).notNull(),
    requestedBy: text("requested_by"),
    jobId: text("job_id"),
    status: text("status", { enum: ["running", "succeeded", "failed"] })
      .notNull()
      .default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    linksFound: integer("links_found").notNull().default(0),
    pagesFetched: integer("pages_fetched").notNull().default(0),
    notModified: integer("not_modified").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    newDocuments: integer("new_documents").notNull().default(0),
    changed: integer("changed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    error: text("error"),
    errors: jsonb("errors").$type<CrawlRunError[]>().notNull().default(sql`'[]'::jsonb`),
    /** Signals the health check compares across runs (charset seen, pages without main text, ...). */
    stats: jsonb("stats").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index("crawl_runs_source_started_idx").on(t.sourceId, t.startedAt)],
);
