import { and, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { extractions } from "../../schema/index.ts";
import type { ExtractionInput } from "./extraction-input.ts";
import type { StoredExtraction } from "./find-previous-extraction.ts";

export class ExtractionNotFoundError extends Error {
  override name = "ExtractionNotFoundError";
}

/**
 * One stored extraction (text, targets and rules with their spans), for the document page and its
 * version diff. `documentId` scopes the lookup so an id from a URL cannot show another document's
 * text. Throws ExtractionNotFoundError.
 */
export async function getExtraction(
  db: Db,
  input: { extractionId: number; documentId: number },
): Promise<StoredExtraction> {
  const [row] = await db
    .select()
    .from(extractions)
    .where(and(eq(extractions.id, input.extractionId), eq(extractions.documentId, input.documentId)));
  if (!row) throw new ExtractionNotFoundError(`extraction ${input.extractionId} not found`);
  return {
    id: row.id,
    documentId: row.documentId,
    snapshotId: row.snapshotId,
    extractorVersion: row.extractorVersion,
    createdAt: row.createdAt,
    extraction: row.result as unknown as ExtractionInput,
  };
}
