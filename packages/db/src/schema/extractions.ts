import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { documents } from "./documents.ts";
import { attachments, snapshots } from "./snapshots.ts";

/** The result of running one extractor version over one snapshot. At most one per pair. */
export const extractions = pgTable(
  "extractions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    snapshotId: bigint("snapshot_id", { mode: "number" })
      .notNull()
      .references(() => snapshots.id),
    extractorVersion: text("extractor_version").notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    warnings: jsonb("warnings").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("extractions_snapshot_version_uq").on(t.snapshotId, t.extractorVersion),
    index("extractions_document_idx").on(t.documentId, t.id),
  ],
);

/** Provenance shared by targets and rules: where the sentence stands in the extracted text. */
const provenance = {
  documentId: bigint("document_id", { mode: "number" })
    .notNull()
    .references(() => documents.id),
  snapshotId: bigint("snapshot_id", { mode: "number" })
    .notNull()
    .references(() => snapshots.id),
  extractionId: bigint("extraction_id", { mode: "number" })
    .notNull()
    .references(() => extractions.id),
  /** Null when the sentence is in the page's own text; otherwise the attachment it came from. */
  attachmentId: bigint("attachment_id", { mode: "number" }).references(() => attachments.id),
  sentence: text("sentence").notNull(),
  spanStart: integer("span_start").notNull(),
  spanEnd: integer("span_end").notNull(),
};

export const targets = pgTable(
  "targets",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    track: text("track").notNull(),
    key: text("key").notNull(),
    metric: text("metric").notNull(),
    comparator: text("comparator").notNull(),
    value: doublePrecision("value").notNull(),
    valueMax: doublePrecision("value_max"),
    unit: text("unit").notNull(),
    year: integer("year"),
    ...provenance,
  },
  (t) => [index("targets_extraction_idx").on(t.extractionId), index("targets_track_idx").on(t.track)],
);

export const rules = pgTable(
  "rules",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    track: text("track").notNull(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    metric: text("metric").notNull(),
    amount: doublePrecision("amount"),
    percent: doublePrecision("percent"),
    comparator: text("comparator"),
    ...provenance,
  },
  (t) => [index("rules_extraction_idx").on(t.extractionId), index("rules_track_idx").on(t.track)],
);
