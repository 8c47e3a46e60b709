import { desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes, documents, extractions, snapshots } from "../../schema/index.ts";

export class DocumentNotFoundError extends Error {
  override name = "DocumentNotFoundError";
}

type DocumentRow = typeof documents.$inferSelect;
type DocumentRef = Pick<DocumentRow, "id" | "url" | "title" | "docNumber" | "publishedAt" | "sourceId">;

export interface DocumentHistory {
  document: DocumentRow;
  /** The earlier document this one revises, and the later one that revises it. */
  supersedes: DocumentRef | null;
  supersededBy: DocumentRef | null;
  /** The first location of this document when it is a copy on another site, and its other copies. */
  canonical: DocumentRef | null;
  locations: DocumentRef[];
  /** Newest first: every extraction with its snapshot's fetch time. */
  versions: {
    extractionId: number;
    snapshotId: number;
    extractorVersion: string;
    fetchedAt: Date;
    extractedAt: Date;
    targets: number;
    rules: number;
  }[];
  /** Newest first, extractor-only differences included (flagged). */
  changes: (typeof changes.$inferSelect)[];
}

const refColumns = {
  id: documents.id,
  url: documents.url,
  title: documents.title,
  docNumber: documents.docNumber,
  publishedAt: documents.publishedAt,
  sourceId: documents.sourceId,
};

/** A document with its versions, links and change log. Throws DocumentNotFoundError. */
export async function getDocumentHistory(db: Db, input: { documentId: number }): Promise<DocumentHistory> {
  const [document] = await db.select().from(documents).where(eq(documents.id, input.documentId));
  if (!document) throw new DocumentNotFoundError(`document ${input.documentId} not found`);

  const ref = async (id: number | null) =>
    id === null
      ? null
      : ((await db.select(refColumns).from(documents).where(eq(documents.id, id)))[0] ?? null);
  const [supersededBy] = await db
    .select(refColumns)
    .from(documents)
    .where(eq(documents.supersedesId, document.id))
    .orderBy(desc(documents.id))
    .limit(1);
  const locations = await db
    .select(refColumns)
    .from(documents)
    .where(eq(documents.canonicalId, document.canonicalId ?? document.id));

  const versions = await db
    .select({
      extractionId: extractions.id,
      snapshotId: extractions.snapshotId,
      extractorVersion: extractions.extractorVersion,
      fetchedAt: snapshots.fetchedAt,
      extractedAt: extractions.createdAt,
      targets: sql<number>`coalesce(jsonb_array_length(${extractions.result}->'targets'), 0)`.mapWith(Number),
      rules: sql<number>`coalesce(jsonb_array_length(${extractions.result}->'rules'), 0)`.mapWith(Number),
    })
    .from(extractions)
    .innerJoin(snapshots, eq(snapshots.id, extractions.snapshotId))
    .where(eq(extractions.documentId, document.id))
    .orderBy(desc(extractions.snapshotId), desc(extractions.id));

  const groupIds = [document.id, ...locations.map((l) => l.id)];
  const log = await db
    .select()
    .from(changes)
    .where(or(inArray(changes.documentId, groupIds)))
    .orderBy(desc(changes.id))
    .limit(1_000);

  return {
    document,
    supersedes: await ref(document.supersedesId),
    supersededBy: supersededBy ?? null,
    canonical: await ref(document.canonicalId),
    locations: locations.filter((l) => l.id !== document.id),
    versions,
    changes: log,
  };
}
