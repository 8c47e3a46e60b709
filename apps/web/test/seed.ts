import { createHash } from "node:crypto";
import {
  appendChanges,
  type Db,
  type ExtractionInput,
  recordDocumentSeen,
  recordExtraction,
  recordSnapshot,
  syncSources,
} from "@trackwatch/db";

export const HOSTILE_TITLE = `<script>alert("title")</script> 元宇宙"><img src=x onerror=alert(1)>`;
export const HOSTILE_SENTENCE = `到2025年，元宇宙产业规模达到3500亿元<script>alert("s")</script>"><img src=x onerror=alert(2)>。`;

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function extraction(
  value: number,
  sentence = HOSTILE_SENTENCE,
  title = HOSTILE_TITLE,
): ExtractionInput {
  const intro = "上海市人民政府办公厅印发。";
  const text = `${intro}${sentence}培育10家龙头企业。`;
  return {
    extractorVersion: "test-1",
    document: {
      title,
      issuer: "上海市人民政府办公厅",
      docNumber: "沪府办发〔2022〕11号",
      publishedAt: "2022-07-08",
    },
    tracks: ["metaverse"],
    targets: [
      {
        key: "metaverse/industry-scale",
        track: "metaverse",
        metric: "产业规模",
        comparator: ">=",
        value,
        unit: "CNY",
        year: 2025,
        text: sentence,
        span: [intro.length, intro.length + sentence.length],
      },
    ],
    rules: [],
    text,
    warnings: [],
  };
}

/** A source, one document with two versions (3500亿 → 4000亿) and their changes; returns the ids. */
export async function seedDocument(db: Db, options: { sourceId?: string; url?: string } = {}) {
  const sourceId = options.sourceId ?? "test-source";
  await syncSources(db, { sources: [{ id: sourceId, name: "Test source", definition: { id: sourceId } }] });
  const doc = await recordDocumentSeen(db, {
    sourceId,
    url: options.url ?? `https://example.gov.cn/${Math.random().toString(36).slice(2)}.html`,
    title: HOSTILE_TITLE,
  });
  const documentId = doc.id;
  const versions: { snapshotId: number; extractionId: number }[] = [];
  for (const [i, value] of [350_000_000_000, 400_000_000_000].entries()) {
    const body = `<html><body>${i}:${value}</body></html>`;
    const snap = await recordSnapshot(db, {
      documentId,
      sha256: sha(body),
      textSha256: sha(`${value}`),
      httpStatus: 200,
      contentType: "text/html",
      etag: null,
      lastModified: null,
      charset: "utf-8",
      byteSize: body.length,
      body,
    });
    const sentence = HOSTILE_SENTENCE.replace("3500", String(value / 1e8));
    const recorded = await recordExtraction(db, {
      snapshotId: snap.id,
      documentId,
      extraction: extraction(value, sentence),
    });
    versions.push({ snapshotId: snap.id, extractionId: recorded.extractionId });
  }
  const [v1, v2] = versions as [(typeof versions)[0], (typeof versions)[0]];
  const target = (value: number) => ({ comparator: ">=", value, unit: "CNY", year: 2025 });
  await appendChanges(db, [
    {
      kind: "target-changed",
      sourceId,
      documentId,
      track: "metaverse",
      key: "metaverse/industry-scale",
      metric: HOSTILE_TITLE,
      before: target(350_000_000_000),
      after: target(400_000_000_000),
      sentence: HOSTILE_SENTENCE,
      fromSnapshotId: v1.snapshotId,
      toSnapshotId: v2.snapshotId,
      fromExtractionId: v1.extractionId,
      toExtractionId: v2.extractionId,
    },
  ]);
  return { sourceId, documentId, versions };
}

/** `count` distinct target-added changes on one document, for pagination tests. */
export async function seedManyChanges(
  db: Db,
  documentId: number,
  sourceId: string,
  count: number,
  track = "metaverse",
) {
  const rows = Array.from({ length: count }, (_, i) => ({
    kind: "target-added" as const,
    sourceId,
    documentId,
    track,
    key: `${track}/k-${i}`,
    metric: `metric ${i}`,
    before: null,
    after: { comparator: ">=", value: i, unit: "count", year: 2025 },
    sentence: `sentence ${i}`,
    fromSnapshotId: null,
    toSnapshotId: null,
    fromExtractionId: null,
    toExtractionId: null,
  }));
  return appendChanges(db, rows);
}
