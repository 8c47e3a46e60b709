import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { extractions } from "../../schema/index.ts";
import type { ExtractionInput } from "./extraction-input.ts";

export interface StoredExtraction {
  id: number;
  documentId: number;
  snapshotId: number;
  extractorVersion: string;
  createdAt: Date;
  extraction: ExtractionInput;
}

export interface FindPreviousExtractionInput {
  /** One document, or a group (a document and its other locations / the document it revises). */
  documentIds: number[];
  /** Only extractions recorded before this one (by id); usually the extraction being diffed. */
  beforeExtractionId?: number;
  /** Skip extractions of this snapshot (diffing a new snapshot against the last *other* one). */
  excludeSnapshotId?: number;
  /** Only extractions of this snapshot (re-extraction: the older version of the same snapshot). */
  snapshotId?: number;
}

/**
 * The extraction a new one is compared with: the latest (by snapshot, then by id) among the given
 * documents' extractions recorded before it. Null for a document seen for the first time.
 */
export async function findPreviousExtraction(
  db: Db,
  input: FindPreviousExtractionInput,
): Promise<StoredExtraction | null> {
  if (input.documentIds.length === 0) return null;
  const conditions = [inArray(extractions.documentId, input.documentIds)];
  if (input.beforeExtractionId !== undefined) conditions.push(lt(extractions.id, input.beforeExtractionId));
  if (input.excludeSnapshotId !== undefined)
    conditions.push(ne(extractions.snapshotId, input.excludeSnapshotId));
  if (input.snapshotId !== undefined) conditions.push(eq(extractions.snapshotId, input.snapshotId));
  const [row] = await db
    .select()
    .from(extractions)
    .where(and(...conditions))
    .orderBy(desc(extractions.snapshotId), desc(extractions.id))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    documentId: row.documentId,
    snapshotId: row.snapshotId,
    extractorVersion: row.extractorVersion,
    createdAt: row.createdAt,
    extraction: row.result as unknown as ExtractionInput,
  };
}
