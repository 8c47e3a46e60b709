import { bigint, boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { documents } from "./documents.ts";
import { extractions } from "./extractions.ts";
import { sources } from "./sources.ts";

export const CHANGE_KINDS = [
  "document-added",
  "document-removed",
  "document-metadata-changed",
  "target-added",
  "target-removed",
  "target-changed",
  "rule-added",
  "rule-removed",
  "rule-changed",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * The append-only change log (a trigger refuses UPDATE and DELETE). `dedupKey` is unique, so a
 * retried extract job cannot append the same change twice. `extractorOnly` marks differences that
 * come from a newer extractor rather than from the policy; they are never mailed.
 */
export const changes = pgTable(
  "changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    dedupKey: text("dedup_key").notNull().unique(),
    kind: text("kind", { enum: CHANGE_KINDS }).notNull(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    track: text("track"),
    key: text("key"),
    metric: text("metric"),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    sentence: text("sentence"),
    fromSnapshotId: bigint("from_snapshot_id", { mode: "number" }),
    toSnapshotId: bigint("to_snapshot_id", { mode: "number" }),
    fromExtractionId: bigint("from_extraction_id", { mode: "number" }).references(() => extractions.id),
    toExtractionId: bigint("to_extraction_id", { mode: "number" }).references(() => extractions.id),
    extractorOnly: boolean("extractor_only").notNull().default(false),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("changes_detected_idx").on(t.detectedAt, t.id),
    index("changes_track_idx").on(t.track, t.id),
    index("changes_document_idx").on(t.documentId, t.id),
    index("changes_source_idx").on(t.sourceId, t.id),
  ],
);
