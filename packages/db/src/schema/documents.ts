import {
  type AnyPgColumn,
  bigint,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { sources } from "./sources.ts";

/**
 * One announcement at one URL. The same policy published on several sites shares a document
 * number; the later locations point at the first through `canonicalId` and report no changes of
 * their own. A revision published at a new URL points at the document it revises through `supersedesId`.
 */
export const documents = pgTable(
  "documents",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    url: text("url").notNull().unique(),
    title: text("title"),
    issuer: text("issuer"),
    docNumber: text("doc_number"),
    publishedAt: date("published_at", { mode: "string" }),
    canonicalId: bigint("canonical_id", { mode: "number" }).references((): AnyPgColumn => documents.id),
    supersedesId: bigint("supersedes_id", { mode: "number" }).references((): AnyPgColumn => documents.id),
    currentSnapshotId: bigint("current_snapshot_id", { mode: "number" }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Consecutive runs that answered 404/410; two mark the document removed. */
    goneCount: integer("gone_count").notNull().default(0),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    index("documents_source_idx").on(t.sourceId),
    index("documents_doc_number_idx").on(t.docNumber),
    index("documents_issuer_idx").on(t.issuer),
  ],
);

/**
 * What the crawler remembers about any URL it fetches (list page, detail page, attachment):
 * validators for the conditional GET and the hashes of the last good body and main text.
 */
export const urlStates = pgTable("url_states", {
  url: text("url").primaryKey(),
  sourceId: text("source_id").references(() => sources.id),
  etag: text("etag"),
  lastModified: text("last_modified"),
  bodySha256: text("body_sha256"),
  textSha256: text("text_sha256"),
  charset: text("charset"),
  lastStatus: integer("last_status"),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
});
