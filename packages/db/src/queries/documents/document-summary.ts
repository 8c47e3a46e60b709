import { documents } from "../../schema/index.ts";

/** The document fields shown beside a current target or rule: one projection for both queries. */
export const documentSummaryColumns = {
  id: documents.id,
  sourceId: documents.sourceId,
  url: documents.url,
  title: documents.title,
  issuer: documents.issuer,
  docNumber: documents.docNumber,
  publishedAt: documents.publishedAt,
};

export interface DocumentSummary {
  id: number;
  sourceId: string;
  url: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
}
