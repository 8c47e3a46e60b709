import { bigint, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { documents } from "./documents.ts";

/**
 * A stored version of a document, addressed by the sha256 of its raw bytes: fetching the same
 * bytes again finds the existing row instead of adding one.
 */
export const snapshots = pgTable(
  "snapshots",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    sha256: text("sha256").notNull(),
    textSha256: text("text_sha256"),
    httpStatus: integer("http_status").notNull(),
    contentType: text("content_type"),
    etag: text("etag"),
    lastModified: text("last_modified"),
    charset: text("charset"),
    byteSize: integer("byte_size").notNull(),
    /** The decoded body (HTML or plain text). */
    body: text("body").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("snapshots_document_sha256_uq").on(t.documentId, t.sha256),
    index("snapshots_document_idx").on(t.documentId),
  ],
);

/** A PDF or DOCX linked from a snapshot's page, with the text a library read out of it. */
export const attachments = pgTable(
  "attachments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    snapshotId: bigint("snapshot_id", { mode: "number" })
      .notNull()
      .references(() => snapshots.id),
    url: text("url").notNull(),
    name: text("name"),
    kind: text("kind", { enum: ["pdf", "docx"] }).notNull(),
    sha256: text("sha256").notNull(),
    byteSize: integer("byte_size").notNull(),
    text: text("text").notNull(),
    warning: text("warning"),
  },
  (t) => [unique("attachments_snapshot_url_uq").on(t.snapshotId, t.url)],
);
