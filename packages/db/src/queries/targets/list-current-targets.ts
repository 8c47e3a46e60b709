import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, targets } from "../../schema/index.ts";
import { type DocumentSummary, documentSummaryColumns } from "../documents/document-summary.ts";
import { latestCanonicalExtractionIds } from "./latest-extractions.ts";

export interface CurrentTarget {
  id: number;
  track: string;
  key: string;
  metric: string;
  comparator: string;
  value: number;
  valueMax: number | null;
  unit: string;
  year: number | null;
  sentence: string;
  spanStart: number;
  spanEnd: number;
  snapshotId: number;
  extractionId: number;
  attachmentId: number | null;
  document: DocumentSummary;
}

/**
 * The targets currently in force, per track: those of the latest extraction of every live
 * canonical document (see latestCanonicalExtractionIds). Sorted by track, deadline, metric.
 */
export async function listCurrentTargets(
  db: Db,
  input: { track?: string | null } = {},
): Promise<CurrentTarget[]> {
  const conditions: SQL[] = [inArray(targets.extractionId, latestCanonicalExtractionIds)];
  if (input.track) conditions.push(eq(targets.track, input.track));
  const rows = await db
    .select({
      target: targets,
      document: documentSummaryColumns,
    })
    .from(targets)
    .innerJoin(documents, eq(documents.id, targets.documentId))
    .where(and(...conditions))
    .orderBy(asc(targets.track), asc(targets.year), asc(targets.metric), asc(targets.id));
  return rows.map(({ target, document }) => {
    const { documentId: _documentId, ...rest } = target;
    return { ...rest, document };
  });
}
