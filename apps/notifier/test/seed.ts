import { randomBytes } from "node:crypto";
import { appendChanges, type Db, type NewChange, schema } from "@trackwatch/db";

/** A source and a document to hang changes on; unique per call. */
export async function seedDocument(db: Db, input: { title: string; url?: string }) {
  const id = `src-${randomBytes(4).toString("hex")}`;
  await db.insert(schema.sources).values({ id, name: `Source ${id}`, definition: {} });
  const [document] = await db
    .insert(schema.documents)
    .values({
      sourceId: id,
      url: input.url ?? `https://www.example.gov.cn/${id}/plan.html`,
      title: input.title,
    })
    .returning();
  return { sourceId: id, documentId: Number(document!.id) };
}

type ChangeSeed = Pick<NewChange, "kind" | "track" | "key" | "metric" | "before" | "after" | "sentence"> & {
  extractorOnly?: boolean;
};

/** Appends changes to a document as the extract job would, detected a minute ago (settled). */
export async function seedChanges(
  db: Db,
  doc: { sourceId: string; documentId: number },
  seeds: ChangeSeed[],
) {
  const detectedAt = new Date(Date.now() - 60_000);
  const { ids } = await appendChanges(
    db,
    seeds.map((seed) => ({
      ...seed,
      sourceId: doc.sourceId,
      documentId: doc.documentId,
      fromSnapshotId: null,
      toSnapshotId: null,
      fromExtractionId: null,
      toExtractionId: null,
      detectedAt,
      dedupKey: `${doc.documentId}:${randomBytes(8).toString("hex")}`,
    })),
  );
  return ids;
}

/** An active subscriber as if confirmed before any change existed. */
export async function seedSubscribers(
  db: Db,
  rows: {
    email: string;
    tracks?: string[];
    frequency?: "immediate" | "daily" | "weekly";
    locale?: "zh" | "en";
  }[],
) {
  const inserted = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    inserted.push(
      ...(await db
        .insert(schema.subscribers)
        .values(
          rows.slice(i, i + 1_000).map((r) => ({
            email: r.email,
            tracks: r.tracks ?? [],
            frequency: r.frequency ?? "daily",
            locale: r.locale ?? "zh",
            status: "active" as const,
            confirmedAt: new Date(),
          })),
        )
        .returning()),
    );
  }
  return inserted;
}

export const METAVERSE_CHANGES: ChangeSeed[] = [
  {
    kind: "target-changed",
    track: "metaverse",
    key: "metaverse/industry-scale",
    metric: "产业规模",
    before: { comparator: ">=", value: 350_000_000_000, unit: "CNY", year: 2025 },
    after: { comparator: ">=", value: 400_000_000_000, unit: "CNY", year: 2025 },
    sentence: "到2025年，元宇宙相关产业规模达到4000亿元。",
  },
  {
    kind: "target-changed",
    track: "metaverse",
    key: "metaverse/leading-firms",
    metric: "龙头企业",
    before: { comparator: ">=", value: 10, unit: "count", year: 2025 },
    after: { comparator: ">=", value: 15, unit: "count", year: 2025 },
    sentence: "培育15家具有国际竞争力的龙头企业。",
  },
  {
    kind: "rule-added",
    track: "metaverse",
    key: "metaverse/industrial-fund",
    metric: "产业基金",
    before: null,
    after: { kind: "fund", amount: 10_000_000_000, percent: null, comparator: ">=" },
    sentence: "设立百亿级元宇宙产业基金。",
  },
];

export const GREEN_CHANGES: ChangeSeed[] = [
  {
    kind: "target-added",
    track: "green-low-carbon",
    key: "green-low-carbon/pv-capacity",
    metric: "光伏装机",
    before: null,
    after: { comparator: ">=", value: 4_000, unit: "MW", year: 2025 },
    sentence: "到2025年，光伏装机容量达到400万千瓦。",
  },
];
