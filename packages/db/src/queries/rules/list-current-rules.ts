import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, rules } from "../../schema/index.ts";
import { type DocumentSummary, documentSummaryColumns } from "../documents/document-summary.ts";
import { latestCanonicalExtractionIds } from "../targets/latest-extractions.ts";

export interface CurrentRule {
  id: number;
  track: string;
  key: string;
  kind: string;
  metric: string;
  amount: number | null;
  percent: number | null;
  comparator: string | null;
  sentence: string;
  spanStart: number;
  spanEnd: number;
  snapshotId: number;
  extractionId: number;
  attachmentId: number | null;
  document: DocumentSummary;
}

/** The promotion rules currently in force, per track, from the same extractions as listCurrentTargets. */
export async function listCurrentRules(
  db: Db,
  input: { track?: string | null } = {},
): Promise<CurrentRule[]> {
  const conditions: SQL[] = [inArray(rules.extractionId, latestCanonicalExtractionIds)];
  if (input.track) conditions.push(eq(rules.track, input.track));
  const rows = await db
    .select({
      rule: rules,
      document: documentSummaryColumns,
    })
    .from(rules)
    .innerJoin(documents, eq(documents.id, rules.documentId))
    .where(and(...conditions))
    .orderBy(asc(rules.track), asc(rules.kind), asc(rules.metric), asc(rules.id));
  return rows.map(({ rule, document }) => {
    const { documentId: _documentId, ...rest } = rule;
    return { ...rest, document };
  });
}
