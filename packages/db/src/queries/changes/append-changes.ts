import { createHash } from "node:crypto";
import type { Db } from "../../db-type.ts";
import { type ChangeKind, changes } from "../../schema/index.ts";

export interface NewChange {
  kind: ChangeKind;
  sourceId: string;
  documentId: number;
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
  extractorOnly?: boolean;
  detectedAt?: Date;
  /** Defaults to changeDedupKey(change); pass one when several changes share kind and key. */
  dedupKey?: string;
}

/**
 * Identity of a change: the document, the two snapshots and extractor versions it spans, the kind,
 * the key and the values. The same transition seen again (a retried job, the same plan on a second
 * site) produces the same key and is not appended twice.
 */
export function changeDedupKey(change: NewChange, extra = ""): string {
  const hash = createHash("sha256")
    .update(
      JSON.stringify([
        change.documentId,
        change.fromSnapshotId,
        change.toSnapshotId,
        change.fromExtractionId,
        change.kind,
        change.key,
        change.before,
        change.after,
        extra,
      ]),
    )
    .digest("base64url")
    .slice(0, 22);
  return `${change.documentId}:${change.toSnapshotId ?? 0}:${change.kind}:${hash}`;
}

/**
 * Appends to the change log; a change whose dedup key is already there is skipped
 * (ON CONFLICT DO NOTHING), so retries never duplicate. Returns the ids actually appended.
 */
export async function appendChanges(
  db: Db,
  input: NewChange[],
): Promise<{ ids: number[]; skipped: number; appended: { index: number; id: number }[] }> {
  if (input.length === 0) return { ids: [], skipped: 0, appended: [] };
  const seen = new Map<string, number>();
  const values = input.map((change) => {
    let dedupKey = change.dedupKey ?? changeDedupKey(change);
    // Two identical transitions in one batch (duplicate sentences) are still two changes.
    const n = seen.get(dedupKey) ?? 0;
    seen.set(dedupKey, n + 1);
    if (n > 0) dedupKey = `${dedupKey}#${n}`;
    return {
      dedupKey,
      kind: change.kind,
      sourceId: change.sourceId,
      documentId: change.documentId,
      track: change.track,
      key: change.key,
      metric: change.metric,
      before: change.before,
      after: change.after,
      sentence: change.sentence,
      fromSnapshotId: change.fromSnapshotId,
      toSnapshotId: change.toSnapshotId,
      fromExtractionId: change.fromExtractionId,
      toExtractionId: change.toExtractionId,
      extractorOnly: change.extractorOnly ?? false,
      ...(change.detectedAt ? { detectedAt: change.detectedAt } : {}),
    };
  });
  const rows: { id: number; dedupKey: string }[] = [];
  // Bounded batches: PostgreSQL caps bind parameters at 65535 per statement.
  for (let i = 0; i < values.length; i += 500) {
    const batch = values.slice(i, i + 500);
    rows.push(
      ...(await db
        .insert(changes)
        .values(batch)
        .onConflictDoNothing({ target: changes.dedupKey })
        .returning({ id: changes.id, dedupKey: changes.dedupKey })),
    );
  }
  const indexByKey = new Map(values.map((v, index) => [v.dedupKey, index]));
  const appended = rows
    .map((r) => ({ index: indexByKey.get(r.dedupKey) ?? -1, id: r.id }))
    .sort((a, b) => a.index - b.index);
  return { ids: appended.map((a) => a.id), skipped: input.length - rows.length, appended };
}
