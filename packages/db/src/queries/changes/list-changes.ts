import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { type ChangeKind, changes, documents } from "../../schema/index.ts";

export interface ListChangesInput {
  track?: string | null;
  sourceId?: string | null;
  documentId?: number | null;
  kind?: ChangeKind | ChangeKind[] | null;
  /** Detected at or after. */
  from?: Date | null;
  /** Detected before. */
  to?: Date | null;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: number | string | null;
  /** 1..500, default 50. */
  limit?: number;
  /** Differences that come only from a newer extractor; hidden unless asked for. */
  includeExtractorOnly?: boolean;
}

export interface ChangeView {
  id: number;
  kind: ChangeKind;
  sourceId: string;
  track: string | null;
  key: string | null;
  metric: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  sentence: string | null;
  fromSnapshotId: number | null;
  toSnapshotId: number | null;
  fromExtractionId: number | null;
  toExtractionId: number | null;
  extractorOnly: boolean;
  detectedAt: Date;
  document: {
    id: number;
    url: string;
    title: string | null;
    issuer: string | null;
    docNumber: string | null;
    publishedAt: string | null;
  };
}

export interface ChangePage {
  changes: ChangeView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** Thrown for a cursor that is not one this function returned. */
export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

function parseCursor(cursor: ListChangesInput["cursor"]): number | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  const value = typeof cursor === "number" ? cursor : Number(cursor);
  if (!Number.isSafeInteger(value) || value <= 0) throw new InvalidCursorError(`invalid cursor: ${cursor}`);
  return value;
}

/**
 * The change log, newest first, filtered by track, source, document, kind and detection time.
 * Keyset pagination on the id (ids only grow and the log is append-only), so a page never shifts
 * when changes are appended while someone is paging.
 */
export async function listChanges(db: Db, input: ListChangesInput = {}): Promise<ChangePage> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 500);
  const cursor = parseCursor(input.cursor);
  const conditions: SQL[] = [];
  if (input.track) conditions.push(eq(changes.track, input.track));
  if (input.sourceId) conditions.push(eq(changes.sourceId, input.sourceId));
  if (input.documentId) conditions.push(eq(changes.documentId, input.documentId));
  if (input.kind) {
    const kinds = Array.isArray(input.kind) ? input.kind : [input.kind];
    if (kinds.length > 0) conditions.push(inArray(changes.kind, kinds));
  }
  if (input.from) conditions.push(gte(changes.detectedAt, input.from));
  if (input.to) conditions.push(lt(changes.detectedAt, input.to));
  if (cursor !== null) conditions.push(lt(changes.id, cursor));
  if (!input.includeExtractorOnly) conditions.push(eq(changes.extractorOnly, false));

  const rows = await db
    .select({
      change: changes,
      document: {
        id: documents.id,
        url: documents.url,
        title: documents.title,
        issuer: documents.issuer,
        docNumber: documents.docNumber,
        publishedAt: documents.publishedAt,
      },
    })
    .from(changes)
    .innerJoin(documents, eq(documents.id, changes.documentId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(changes.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit).map(({ change, document }) => {
    const { dedupKey: _dedupKey, documentId: _documentId, ...rest } = change;
    return { ...rest, document };
  });
  const last = page.at(-1);
  return { changes: page, nextCursor: rows.length > limit && last ? last.id : null };
}
