import { and, eq, inArray, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

export interface LinkCandidate {
  id: number;
  sourceId: string;
  url: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
  canonicalId: number | null;
  supersedesId: number | null;
  firstSeenAt: Date;
}

/**
 * Documents a newly extracted one may be linked to: the same document number (another location),
 * a document number its text names (废止/修订 references), or the same issuer (a revision whose
 * title differs only by 修订/调整 wording). Choosing among them is policy's findSuperseded.
 */
export async function findLinkCandidates(
  db: Db,
  input: { documentId: number; issuer: string | null; docNumbers: string[] },
): Promise<LinkCandidate[]> {
  const matches: SQL[] = [];
  const numbers = [...new Set(input.docNumbers.filter(Boolean))];
  if (numbers.length > 0) matches.push(inArray(documents.docNumber, numbers));
  if (input.issuer) matches.push(eq(documents.issuer, input.issuer));
  if (matches.length === 0) return [];
  return db
    .select({
      id: documents.id,
      sourceId: documents.sourceId,
      url: documents.url,
      title: documents.title,
      issuer: documents.issuer,
      docNumber: documents.docNumber,
      publishedAt: documents.publishedAt,
      canonicalId: documents.canonicalId,
      supersedesId: documents.supersedesId,
      firstSeenAt: documents.firstSeenAt,
    })
    .from(documents)
    .where(and(ne(documents.id, input.documentId), or(...matches)))
    .limit(500);
}
