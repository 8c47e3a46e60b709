import { and, desc, eq, inArray, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, extractions } from "../../schema/index.ts";
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
  /** These documents' extractions... */
  documentIds?: number[];
  /** ...and/or those of this document and all its other locations (documents whose canonical_id is it). */
  locationsOf?: number;
  /** Only what came before this extraction: an older snapshot, or the same snapshot extracted earlier. */
  before?: { snapshotId: number; extractionId: number };
  /** Only extractions recorded before this id. */
  beforeExtractionId?: number;
  /** Skip extractions of this snapshot. */
  excludeSnapshotId?: number;
  /** Only extractions of this snapshot. */
  snapshotId?: number;
}

/**
 * The extraction a new one is compared with: the latest (by snapshot, then by id) among the
 * given documents' extractions that came before it. Null for a document seen for the first time.
 */
export async function findPreviousExtraction(
  db: Db,
  input: FindPreviousExtractionInput,
): Promise<StoredExtraction | null> {
  const owners: SQL[] = [];
  if (input.documentIds && input.documentIds.length > 0) {
    owners.push(inArray(extractions.documentId, input.documentIds));
  }
  if (input.locationsOf !== undefined) {
    owners.push(
      inArray(
        extractions.documentId,
        sql`(select ${documents.id} from ${documents} where ${documents.id} = ${input.locationsOf} or ${documents.canonicalId} = ${input.locationsOf})`,
      ),
    );
  }
  if (owners.length === 0) return null;
  const conditions: SQL[] = [owners.length === 1 ? owners[0]! : or(...owners)!];
  if (input.before) {
    conditions.push(
      or(
        lt(extractions.snapshotId, input.before.snapshotId),
        and(
          eq(extractions.snapshotId, input.before.snapshotId),
          lt(extractions.id, input.before.extractionId),
        ),
      )!,
    );
  }
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
