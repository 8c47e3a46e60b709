import { type Db, schema } from "@trackwatch/db";

/** What PostgreSQL holds after a crawl, reduced to the counts a fault scenario judges. */
export interface PipelineState {
  documents: number;
  /** Documents whose current snapshot has an extraction. */
  extracted: number;
  /** Documents whose current snapshot has none (yet). */
  unextracted: number;
  /** Extractions beyond one per snapshot: a doubled extraction. */
  extractionsDoubled: number;
  changes: number;
  /** Changes beyond one per (document, kind, key, extraction): a change recorded twice. */
  changesDuplicated: number;
  /** Changes expected from the extractions: one "document added" per document plus each first target and rule. */
  changesExpected: number;
  /**
   * Rows that only make sense together but are not all there: an extraction without its targets,
   * rules or its document's "added" change, a document with no snapshot, a change whose extraction
   * is not the one that produced it.
   */
  partialRows: number;
  partialDetails: string[];
  /** Crawl runs still marked running: a run whose job was lost or crashed without finishing it. */
  unfinishedCrawlRuns: number;
}

/** Reads every row the crawl and extract steps write (small tables in a scenario's own database). */
export async function readPipelineState(db: Db): Promise<PipelineState> {
  const [documents, extractions, targets, rules, changes, runs] = await Promise.all([
    db
      .select({ id: schema.documents.id, currentSnapshotId: schema.documents.currentSnapshotId })
      .from(schema.documents),
    db
      .select({
        id: schema.extractions.id,
        documentId: schema.extractions.documentId,
        snapshotId: schema.extractions.snapshotId,
        result: schema.extractions.result,
      })
      .from(schema.extractions),
    db.select({ extractionId: schema.targets.extractionId }).from(schema.targets),
    db.select({ extractionId: schema.rules.extractionId }).from(schema.rules),
    db
      .select({
        documentId: schema.changes.documentId,
        kind: schema.changes.kind,
        key: schema.changes.key,
        toExtractionId: schema.changes.toExtractionId,
      })
      .from(schema.changes),
    db.select({ status: schema.crawlRuns.status }).from(schema.crawlRuns),
  ]);
  const count = (ids: number[]) => {
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  const targetsPer = count(targets.map((t) => t.extractionId));
  const rulesPer = count(rules.map((r) => r.extractionId));
  const extractedSnapshots = new Set(extractions.map((e) => e.snapshotId));
  const partialDetails: string[] = [];

  const extracted = documents.filter(
    (d) => d.currentSnapshotId !== null && extractedSnapshots.has(d.currentSnapshotId),
  ).length;
  for (const d of documents)
    if (d.currentSnapshotId === null) partialDetails.push(`document ${d.id} without a snapshot`);

  const extractionsDoubled = extractions.length - extractedSnapshots.size;
  const addedDocuments = new Set(changes.filter((c) => c.kind === "document-added").map((c) => c.documentId));
  const extractionIds = new Set(extractions.map((e) => e.id));
  let changesExpected = 0;
  const firstExtraction = new Map<number, number>();
  for (const e of [...extractions].sort((a, b) => a.id - b.id))
    if (!firstExtraction.has(e.documentId)) firstExtraction.set(e.documentId, e.id);
  for (const e of extractions) {
    const result = e.result as { targets?: unknown[]; rules?: unknown[] };
    const wantTargets = result.targets?.length ?? 0;
    const wantRules = result.rules?.length ?? 0;
    if ((targetsPer.get(e.id) ?? 0) !== wantTargets)
      partialDetails.push(`extraction ${e.id}: ${targetsPer.get(e.id) ?? 0} of ${wantTargets} targets`);
    if ((rulesPer.get(e.id) ?? 0) !== wantRules)
      partialDetails.push(`extraction ${e.id}: ${rulesPer.get(e.id) ?? 0} of ${wantRules} rules`);
    if (firstExtraction.get(e.documentId) === e.id) {
      changesExpected += 1 + wantTargets + wantRules;
      if (!addedDocuments.has(e.documentId))
        partialDetails.push(`extraction ${e.id} without its document-added change`);
    }
  }
  for (const c of changes)
    if (c.toExtractionId !== null && !extractionIds.has(c.toExtractionId))
      partialDetails.push(`change on document ${c.documentId} names a missing extraction`);

  const changeKeys = new Set(changes.map((c) => `${c.documentId} ${c.kind} ${c.key} ${c.toExtractionId}`));
  return {
    documents: documents.length,
    extracted,
    unextracted: documents.length - extracted,
    extractionsDoubled,
    changes: changes.length,
    changesDuplicated: changes.length - changeKeys.size,
    changesExpected,
    partialRows: partialDetails.length,
    partialDetails,
    unfinishedCrawlRuns: runs.filter((r) => r.status === "running").length,
  };
}
