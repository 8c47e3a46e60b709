import { and, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { extractions, rules, targets } from "../../schema/index.ts";
import type { ExtractionInput } from "./extraction-input.ts";

export interface RecordExtractionInput {
  snapshotId: number;
  documentId: number;
  extraction: ExtractionInput;
  /** Attachment URL → attachments.id, for targets and rules whose sentence is in an attachment. */
  attachments?: ReadonlyMap<string, number> | Record<string, number>;
}

export interface RecordExtractionResult {
  extractionId: number;
  /** False when this snapshot was already extracted by this extractor version (a retried job). */
  created: boolean;
  targets: number;
  rules: number;
}

function attachmentLookup(attachments: RecordExtractionInput["attachments"]) {
  if (!attachments) return () => null;
  const map = attachments instanceof Map ? attachments : new Map(Object.entries(attachments));
  return (url: string | null | undefined) => (url ? (map.get(url) ?? null) : null);
}

/**
 * Stores one extractor version's result for one snapshot with its targets and rules (each with
 * document, snapshot, extraction, attachment and span as provenance). At most one extraction per
 * snapshot and version: a second call returns the existing row and writes nothing.
 * Run it inside the extract job's transaction together with appendChanges.
 */
export async function recordExtraction(
  db: Db,
  input: RecordExtractionInput,
): Promise<RecordExtractionResult> {
  const { snapshotId, documentId, extraction } = input;
  const { links: _links, ...result } = extraction;
  const [inserted] = await db
    .insert(extractions)
    .values({
      documentId,
      snapshotId,
      extractorVersion: extraction.extractorVersion,
      result: result as unknown as Record<string, unknown>,
      warnings: extraction.warnings,
    })
    .onConflictDoNothing({ target: [extractions.snapshotId, extractions.extractorVersion] })
    .returning({ id: extractions.id });

  if (!inserted) {
    const [existing] = await db
      .select({ id: extractions.id })
      .from(extractions)
      .where(
        and(
          eq(extractions.snapshotId, snapshotId),
          eq(extractions.extractorVersion, extraction.extractorVersion),
        ),
      );
    if (!existing) throw new Error(`extraction of snapshot ${snapshotId} vanished during insert`);
    return { extractionId: existing.id, created: false, targets: 0, rules: 0 };
  }

  const extractionId = inserted.id;
  const attachmentId = attachmentLookup(input.attachments);
  const provenance = (p: ExtractionInput["targets"][number] | ExtractionInput["rules"][number]) => ({
    documentId,
    snapshotId,
    extractionId,
    attachmentId: attachmentId(p.attachment),
    sentence: p.text,
    spanStart: p.span[0],
    spanEnd: p.span[1],
  });
  if (extraction.targets.length > 0) {
    await db.insert(targets).values(
      extraction.targets.map((t) => ({
        track: t.track,
        key: t.key,
        metric: t.metric,
        comparator: t.comparator,
        value: t.value,
        valueMax: t.valueMax ?? null,
        unit: t.unit,
        year: t.year,
        ...provenance(t),
      })),
    );
  }
  if (extraction.rules.length > 0) {
    await db.insert(rules).values(
      extraction.rules.map((r) => ({
        track: r.track,
        key: r.key,
        kind: r.kind,
        metric: r.metric,
        amount: r.amount,
        percent: r.percent,
        comparator: r.comparator ?? null,
        ...provenance(r),
      })),
    );
  }
  return { extractionId, created: true, targets: extraction.targets.length, rules: extraction.rules.length };
}
