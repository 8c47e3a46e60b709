import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

export interface LinkDocumentInput {
  documentId: number;
  /** What the latest extraction says about the document; null fields keep the stored value. */
  meta?: {
    title: string | null;
    issuer: string | null;
    docNumber: string | null;
    publishedAt: string | null;
  };
  /** The earliest location of the same document (same 发文字号), or null. */
  canonicalId?: number | null;
  /** The earlier document this one revises, or null. */
  supersedesId?: number | null;
}

/**
 * Stores a document's extracted metadata and its links to other documents. A link is only ever
 * set, never cleared by a later extraction that does not see it (an odd page must not unlink).
 */
export async function linkDocument(db: Db, input: LinkDocumentInput): Promise<void> {
  const set: Partial<typeof documents.$inferInsert> = {};
  const meta = input.meta;
  if (meta?.title) set.title = meta.title;
  if (meta?.issuer) set.issuer = meta.issuer;
  if (meta?.docNumber) set.docNumber = meta.docNumber;
  if (meta?.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(meta.publishedAt)) set.publishedAt = meta.publishedAt;
  if (input.canonicalId && input.canonicalId !== input.documentId) set.canonicalId = input.canonicalId;
  if (input.supersedesId && input.supersedesId !== input.documentId) set.supersedesId = input.supersedesId;
  if (Object.keys(set).length === 0) return;
  await db.update(documents).set(set).where(eq(documents.id, input.documentId));
}
