import { and, desc, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes, extractions } from "../../schema/index.ts";
import type { ExtractionInput } from "./extraction-input.ts";
import type { StoredExtraction } from "./find-previous-extraction.ts";

/**
 * The version a document's change log last moved to, when that happened after `after`: normally the
 * newest extraction, but after a page went back to an earlier version (B → A) it is A's older
 * extraction. The extract step diffs the next version against this one.
 */
export async function findReportedExtraction(
  db: Db,
  input: { documentId: number; after: Date },
): Promise<StoredExtraction | null> {
  const [row] = await db
    .select({ extraction: extractions })
    .from(changes)
    .innerJoin(extractions, eq(extractions.id, changes.toExtractionId))
    .where(
      and(
        eq(changes.documentId, input.documentId),
        isNotNull(changes.toExtractionId),
        eq(changes.extractorOnly, false),
        gt(changes.detectedAt, input.after),
      ),
    )
    .orderBy(desc(changes.id))
    .limit(1);
  if (!row) return null;
  const e = row.extraction;
  return {
    id: e.id,
    documentId: e.documentId,
    snapshotId: e.snapshotId,
    extractorVersion: e.extractorVersion,
    createdAt: e.createdAt,
    extraction: e.result as unknown as ExtractionInput,
  };
}
