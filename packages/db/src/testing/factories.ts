import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db-type.ts";
import {
  changes,
  crawlRuns,
  deliveries,
  documents,
  extractions,
  snapshots,
  sources,
  subscribers,
} from "../schema/index.ts";

// Unique across test files running in parallel against one PostgreSQL server, and readable in failures.
let counter = 0;
export function uniqueSuffix(): string {
  counter += 1;
  return `${process.pid.toString(36)}${randomBytes(3).toString("hex")}${counter}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function makeSource(db: Db, overrides: Partial<typeof sources.$inferInsert> = {}) {
  const id = overrides.id ?? `src-${uniqueSuffix()}`;
  const [row] = await db
    .insert(sources)
    .values({
      id,
      name: `Test source ${id}`,
      issuer: "上海市人民政府",
      definition: { id, listUrls: [`http://127.0.0.1/${id}/list.html`] },
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeCrawlRun(db: Db, overrides: Partial<typeof crawlRuns.$inferInsert> = {}) {
  const sourceId = overrides.sourceId ?? (await makeSource(db)).id;
  const [row] = await db
    .insert(crawlRuns)
    .values({ trigger: "manual", ...overrides, sourceId })
    .returning();
  return row!;
}

export async function makeDocument(db: Db, overrides: Partial<typeof documents.$inferInsert> = {}) {
  const sourceId = overrides.sourceId ?? (await makeSource(db)).id;
  const suffix = uniqueSuffix();
  const [row] = await db
    .insert(documents)
    .values({
      url: `http://127.0.0.1/${sourceId}/doc-${suffix}.html`,
      title: `关于推进元宇宙产业发展的行动方案 ${suffix}`,
      issuer: "上海市人民政府",
      docNumber: `沪府发〔2022〕${suffix}号`,
      publishedAt: "2022-07-08",
      ...overrides,
      sourceId,
    })
    .returning();
  return row!;
}

/** A snapshot whose sha256 is computed from its body unless given, as the crawler stores them. */
export async function makeSnapshot(db: Db, overrides: Partial<typeof snapshots.$inferInsert> = {}) {
  const documentId = overrides.documentId ?? (await makeDocument(db)).id;
  const body =
    overrides.body ??
    `<html><body><p>到2025年，元宇宙相关产业规模达到3500亿元。${uniqueSuffix()}</p></body></html>`;
  const [row] = await db
    .insert(snapshots)
    .values({
      sha256: sha256(body),
      httpStatus: 200,
      contentType: "text/html; charset=utf-8",
      charset: "utf-8",
      byteSize: Buffer.byteLength(body),
      ...overrides,
      body,
      documentId,
    })
    .returning();
  return row!;
}

export async function makeExtraction(db: Db, overrides: Partial<typeof extractions.$inferInsert> = {}) {
  let { documentId, snapshotId } = overrides;
  if (snapshotId === undefined) {
    const snapshot = await makeSnapshot(db, documentId === undefined ? {} : { documentId });
    snapshotId = snapshot.id;
    documentId = snapshot.documentId;
  } else if (documentId === undefined) {
    throw new Error("makeExtraction: pass documentId together with snapshotId");
  }
  const [row] = await db
    .insert(extractions)
    .values({
      extractorVersion: "test-1",
      result: { tracks: [], targets: [], rules: [] },
      warnings: [],
      ...overrides,
      documentId,
      snapshotId,
    })
    .returning();
  return row!;
}

export async function makeChange(db: Db, overrides: Partial<typeof changes.$inferInsert> = {}) {
  let { documentId, sourceId } = overrides;
  if (documentId === undefined) {
    const document = await makeDocument(db, sourceId === undefined ? {} : { sourceId });
    documentId = document.id;
    sourceId = document.sourceId;
  } else if (sourceId === undefined) {
    throw new Error("makeChange: pass sourceId together with documentId");
  }
  const [row] = await db
    .insert(changes)
    .values({
      dedupKey: `test:${uniqueSuffix()}`,
      kind: "target-added",
      track: "metaverse",
      key: "metaverse:产业规模:2025",
      metric: "产业规模",
      before: null,
      after: { comparator: ">=", value: 350000000000, unit: "CNY", year: 2025 },
      sentence: "到2025年，元宇宙相关产业规模达到3500亿元",
      ...overrides,
      documentId,
      sourceId,
    })
    .returning();
  return row!;
}

export async function makeSubscriber(db: Db, overrides: Partial<typeof subscribers.$inferInsert> = {}) {
  const [row] = await db
    .insert(subscribers)
    .values({
      email: `reader-${uniqueSuffix()}@example.test`,
      tracks: ["metaverse"],
      frequency: "daily",
      status: "active",
      confirmedAt: new Date(),
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeDelivery(db: Db, overrides: Partial<typeof deliveries.$inferInsert> = {}) {
  let { subscriberId, recipient } = overrides;
  if (subscriberId === undefined) {
    const subscriber = await makeSubscriber(db);
    subscriberId = subscriber.id;
    recipient ??= subscriber.email;
  }
  const suffix = uniqueSuffix();
  const [row] = await db
    .insert(deliveries)
    .values({
      kind: "digest",
      windowKey: `daily:${suffix}`,
      payload: { changeIds: [] },
      messageId: `<${suffix}@trackwatch.test>`,
      ...overrides,
      recipient: recipient ?? `reader-${suffix}@example.test`,
      subscriberId,
    })
    .returning();
  return row!;
}
