import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../create-db.ts";
import type { Db } from "../../db-type.ts";
import { documents, extractions, snapshots, sources, targets } from "../../schema/index.ts";
import { createTestDb } from "../../testing/create-test-db.ts";
import type { ExtractionInput } from "../extractions/extraction-input.ts";
import { findPreviousExtraction } from "../extractions/find-previous-extraction.ts";
import { recordExtraction } from "../extractions/record-extraction.ts";
import { listCurrentTargets } from "../targets/list-current-targets.ts";
import { appendChanges, type NewChange } from "./append-changes.ts";
import { getDocumentHistory } from "./get-document-history.ts";
import { listChanges } from "./list-changes.ts";

function extraction(version: string, values: Record<string, number>): ExtractionInput {
  const text = Object.entries(values)
    .map(([key, value]) => `到2025年，${key}达到${value}亿元。`)
    .join("");
  let offset = 0;
  return {
    extractorVersion: version,
    document: {
      title: "上海市元宇宙行动方案",
      issuer: "上海市人民政府",
      docNumber: null,
      publishedAt: "2022-07-08",
    },
    tracks: ["metaverse"],
    targets: Object.entries(values).map(([key, value]) => {
      const sentence = `到2025年，${key}达到${value}亿元。`;
      const span: [number, number] = [offset, offset + sentence.length];
      offset += sentence.length;
      return {
        key: `metaverse/${key}`,
        track: "metaverse",
        metric: key,
        comparator: ">=",
        value: value * 1e8,
        unit: "CNY",
        year: 2025,
        text: sentence,
        span,
      };
    }),
    rules: [],
    text,
    warnings: [],
  };
}

describe.each(["pglite", "postgres"] as const)("change log on %s", (engine) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let db: Db;
  const sourceId = `src-${randomUUID().slice(0, 8)}`;

  async function addDocument(url: string, extra: Partial<typeof documents.$inferInsert> = {}) {
    const [doc] = await db
      .insert(documents)
      .values({ sourceId, url, title: "doc", ...extra })
      .returning({ id: documents.id });
    return doc!.id;
  }
  async function addSnapshot(documentId: number, body: string) {
    const [snap] = await db
      .insert(snapshots)
      .values({ documentId, sha256: randomUUID(), httpStatus: 200, byteSize: body.length, body })
      .returning({ id: snapshots.id });
    return snap!.id;
  }
  function change(documentId: number, n: number, extra: Partial<NewChange> = {}): NewChange {
    return {
      kind: "target-added",
      sourceId,
      documentId,
      track: n % 2 === 0 ? "metaverse" : "green-low-carbon",
      key: `k${n}`,
      metric: `m${n}`,
      before: null,
      after: { value: n },
      sentence: `s${n}`,
      fromSnapshotId: null,
      toSnapshotId: null,
      fromExtractionId: null,
      toExtractionId: null,
      ...extra,
    };
  }

  beforeAll(async () => {
    database = await createTestDb(engine);
    cleanup = () => database.close();
    db = database.db;
    await db.insert(sources).values({ id: sourceId, name: "test source", definition: {} });
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it("records an extraction once per snapshot and version, with provenance on every target", async () => {
    const documentId = await addDocument(`https://example.gov.cn/${randomUUID()}.html`);
    const snapshotId = await addSnapshot(documentId, "<p>x</p>");
    const input = { snapshotId, documentId, extraction: extraction("v1", { 产业规模: 3500, 企业: 100 }) };
    const first = await recordExtraction(db, input);
    const again = await recordExtraction(db, input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, extractionId: first.extractionId });
    const rows = await db.select().from(targets).where(eqExtraction(first.extractionId));
    expect(rows).toHaveLength(2);
    const scale = rows.find((r) => r.metric === "产业规模")!;
    expect(scale).toMatchObject({ documentId, snapshotId, value: 350_000_000_000, unit: "CNY", year: 2025 });
    expect(input.extraction.text.slice(scale.spanStart, scale.spanEnd)).toBe(scale.sentence);

    const previous = await findPreviousExtraction(db, {
      documentIds: [documentId],
      excludeSnapshotId: snapshotId,
    });
    expect(previous).toBeNull();
    const latest = await findPreviousExtraction(db, { documentIds: [documentId] });
    expect(latest?.extraction.targets).toHaveLength(2);
  });

  it("appends each change once even when the same batch is appended again", async () => {
    const documentId = await addDocument(`https://example.gov.cn/${randomUUID()}.html`);
    const batch = [change(documentId, 1), change(documentId, 2)];
    const first = await appendChanges(db, batch);
    const second = await appendChanges(db, batch);
    expect(first.ids).toHaveLength(2);
    expect(second).toEqual({ ids: [], skipped: 2, appended: [] });
  });

  it("pages the change log by a stable cursor and filters by track, kind and extractor-only", async () => {
    const documentId = await addDocument(`https://example.gov.cn/${randomUUID()}.html`);
    await appendChanges(
      db,
      Array.from({ length: 7 }, (_, i) => change(documentId, 10 + i)),
    );
    await appendChanges(db, [change(documentId, 99, { extractorOnly: true, kind: "target-changed" })]);

    const page1 = await listChanges(db, { documentId, limit: 3 });
    expect(page1.changes.map((c) => c.key)).toEqual(["k16", "k15", "k14"]);
    // New changes arriving between pages do not shift the next page.
    await appendChanges(db, [change(documentId, 50)]);
    const page2 = await listChanges(db, { documentId, limit: 3, cursor: String(page1.nextCursor) });
    expect(page2.changes.map((c) => c.key)).toEqual(["k13", "k12", "k11"]);
    const page3 = await listChanges(db, { documentId, limit: 3, cursor: page2.nextCursor });
    expect(page3.changes.map((c) => c.key)).toEqual(["k10"]);
    expect(page3.nextCursor).toBeNull();

    const metaverse = await listChanges(db, { documentId, track: "metaverse", limit: 50 });
    expect(metaverse.changes.every((c) => c.track === "metaverse")).toBe(true);
    expect(metaverse.changes.map((c) => c.key)).toEqual(["k50", "k16", "k14", "k12", "k10"]);
    expect((await listChanges(db, { documentId, kind: "target-changed" })).changes).toHaveLength(0);
    const flagged = await listChanges(db, { documentId, kind: "target-changed", includeExtractorOnly: true });
    expect(flagged.changes.map((c) => [c.key, c.extractorOnly])).toEqual([["k99", true]]);
    expect(page1.changes[0]?.document.id).toBe(documentId);

    const future = await listChanges(db, { documentId, from: new Date(Date.now() + 60_000) });
    expect(future.changes).toHaveLength(0);
    await expect(listChanges(db, { cursor: "abc" })).rejects.toThrow(/invalid cursor/);
  });

  it("lists current targets from the latest extraction of live canonical documents only", async () => {
    const track = `track-${randomUUID().slice(0, 6)}`;
    const withTrack = (e: ExtractionInput) => ({
      ...e,
      targets: e.targets.map((t) => ({ ...t, track, key: `${track}/${t.metric}` })),
    });
    const a = await addDocument(`https://a.gov.cn/${randomUUID()}.html`);
    const a1 = await addSnapshot(a, "v1");
    await recordExtraction(db, {
      snapshotId: a1,
      documentId: a,
      extraction: withTrack(extraction("v1", { 规模: 3500 })),
    });
    const a2 = await addSnapshot(a, "v2");
    await recordExtraction(db, {
      snapshotId: a2,
      documentId: a,
      extraction: withTrack(extraction("v1", { 规模: 4000 })),
    });
    // A second location of A (same 发文字号 elsewhere), an old plan superseded by a revision.
    const copy = await addDocument(`https://b.gov.cn/${randomUUID()}.html`, { canonicalId: a });
    const c1 = await addSnapshot(copy, "copy");
    await recordExtraction(db, {
      snapshotId: c1,
      documentId: copy,
      extraction: withTrack(extraction("v1", { 规模: 4000 })),
    });
    const old = await addDocument(`https://a.gov.cn/${randomUUID()}.html`);
    const o1 = await addSnapshot(old, "old");
    await recordExtraction(db, {
      snapshotId: o1,
      documentId: old,
      extraction: withTrack(extraction("v1", { 企业: 10 })),
    });
    const revision = await addDocument(`https://a.gov.cn/${randomUUID()}.html`, { supersedesId: old });
    const r1 = await addSnapshot(revision, "rev");
    await recordExtraction(db, {
      snapshotId: r1,
      documentId: revision,
      extraction: withTrack(extraction("v1", { 企业: 20 })),
    });

    const current = await listCurrentTargets(db, { track });
    expect(current.map((t) => [t.document.id, t.metric, t.value])).toEqual(
      expect.arrayContaining([
        [a, "规模", 400_000_000_000],
        [revision, "企业", 2_000_000_000],
      ]),
    );
    expect(current).toHaveLength(2);

    const history = await getDocumentHistory(db, { documentId: a });
    expect(history.versions.map((v) => v.snapshotId)).toEqual([a2, a1]);
    expect(history.locations.map((l) => l.id)).toEqual([copy]);
    const revised = await getDocumentHistory(db, { documentId: old });
    expect(revised.supersededBy?.id).toBe(revision);
  });

  it("rolls back the extraction when the transaction fails before the changes are written", async () => {
    const documentId = await addDocument(`https://example.gov.cn/${randomUUID()}.html`);
    const snapshotId = await addSnapshot(documentId, "crash");
    await expect(
      db.transaction(async (tx) => {
        await recordExtraction(tx, { snapshotId, documentId, extraction: extraction("v1", { 规模: 1 }) });
        throw new Error("injected crash");
      }),
    ).rejects.toThrow("injected crash");
    expect(await db.select().from(extractions).where(eqSnapshot(snapshotId))).toHaveLength(0);
  });
});

function eqExtraction(id: number) {
  return eq(targets.extractionId, id);
}
function eqSnapshot(id: number) {
  return eq(extractions.snapshotId, id);
}
