/**
 * Change-log benchmark (issue 6): 10,000 stored documents with about 20 targets each, on PGlite and
 * on PostgreSQL. Prints the time to re-extract and diff every document with a new extractor version
 * (the real extractor, one transaction per document, as `trackwatch reextract` does), the
 * "current targets per track" query, and the change log at page 1 and page 400 through the keyset
 * cursor, side by side with the OFFSET query a naive pager would run for the same page.
 * Run: npm run bench -- changes [--documents 10000] [--engines pglite,postgres]
 */
import { type Extractor, policyExtractor, reextractAll } from "@trackwatch/crawler";
import {
  appendChanges,
  type Db,
  listChanges,
  listCurrentTargets,
  type NewChange,
  schema,
} from "@trackwatch/db";
import { createTestDb, type EngineKind } from "@trackwatch/db/testing";
import { sql } from "drizzle-orm";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const DOCUMENTS = Number(option("documents") ?? 10_000);
const ENGINES = (option("engines") ?? "pglite,postgres").split(",") as EngineKind[];
const PAGE_SIZE = 50;
// At least 400 full pages of change log, whatever the document count.
const CHANGES_PER_DOCUMENT = Math.max(3, Math.ceil((400 * 50 + 50) / Math.max(1, DOCUMENTS)));
const SOURCE_ID = "bench-changes";

const METRICS = [
  "元宇宙相关产业规模",
  "数字经济核心产业增加值",
  "绿色低碳产业规模",
  "智能终端产业规模",
  "规上工业企业数量",
  "龙头企业",
  "专精特新企业",
  "示范应用场景",
  "创新平台",
  "标准",
  "独角兽企业",
  "上市企业",
  "产业基金规模",
  "研发投入强度",
  "新能源汽车产量",
  "充电桩",
  "数据中心机架",
  "5G基站",
  "工业互联网平台",
  "绿色工厂",
  "算力规模",
];

/** A plan page with ~20 quantified targets; `variant` changes the figures. */
function planPage(i: number): string {
  const variant = i % 97;
  const sentences = METRICS.map(
    (m, k) => `到${2025 + (k % 3)}年，${m}达到${variant + k * 10 + 5}${k % 2 ? "家" : "亿元"}。`,
  ).join("");
  return (
    `<html><head><title>上海市新赛道行动方案 ${i}</title></head><body><div class="article">` +
    `<h1>上海市新赛道产业发展行动方案（${i}）</h1><p>发文字号：沪府办发〔2024〕${i + 1}号</p>` +
    `<p>发布日期：2024-03-01</p><h2>二、发展目标</h2><p>${sentences}</p>` +
    `<h2>三、保障措施</h2><p>对符合条件的项目，给予最高${(i % 50) + 100}万元奖励。</p></div></body></html>`
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Rows of documents, one snapshot each, and a first extraction of every snapshot with its targets,
 * bulk-inserted (the extractor runs once per figure variant): the timed part is what follows.
 */
async function seed(db: Db): Promise<{ targets: number }> {
  await db.insert(schema.sources).values({ id: SOURCE_ID, name: "bench", definition: {} });
  const variants = new Map<number, ReturnType<Extractor["extract"]>>();
  let targets = 0;
  for (let start = 0; start < DOCUMENTS; start += 500) {
    const batch = Array.from({ length: Math.min(500, DOCUMENTS - start) }, (_, k) => start + k);
    const docs = await db
      .insert(schema.documents)
      .values(batch.map((i) => ({ sourceId: SOURCE_ID, url: `https://bench.example.gov.cn/plan/${i}.html` })))
      .returning({ id: schema.documents.id });
    const snaps = await db
      .insert(schema.snapshots)
      .values(
        batch.map((i, k) => {
          const body = planPage(i);
          return {
            documentId: docs[k]!.id,
            sha256: `bench-${i}`,
            httpStatus: 200,
            byteSize: body.length,
            body,
          };
        }),
      )
      .returning({ id: schema.snapshots.id, documentId: schema.snapshots.documentId });
    const extractionsOf = batch.map((i) => {
      const variant = i % 97;
      if (!variants.has(variant)) {
        variants.set(
          variant,
          policyExtractor.extract({ body: planPage(variant), url: "", contentType: null, attachments: [] }),
        );
      }
      const template = variants.get(variant)!;
      return {
        ...template,
        document: {
          ...template.document,
          title: `上海市新赛道产业发展行动方案（${i}）`,
          docNumber: `沪府办发〔2024〕${i + 1}号`,
        },
      };
    });
    const rows = await db
      .insert(schema.extractions)
      .values(
        snaps.map((snap, k) => ({
          documentId: snap.documentId,
          snapshotId: snap.id,
          extractorVersion: policyExtractor.version,
          result: extractionsOf[k] as unknown as Record<string, unknown>,
          warnings: [],
        })),
      )
      .returning({ id: schema.extractions.id, snapshotId: schema.extractions.snapshotId });
    const targetRows = rows.flatMap((row, k) =>
      extractionsOf[k]!.targets.map((t) => ({
        track: t.track,
        key: t.key,
        metric: t.metric,
        comparator: t.comparator,
        value: t.value,
        unit: t.unit,
        year: t.year,
        documentId: snaps[k]!.documentId,
        snapshotId: row.snapshotId,
        extractionId: row.id,
        sentence: t.text,
        spanStart: t.span[0],
        spanEnd: t.span[1],
      })),
    );
    for (let i = 0; i < targetRows.length; i += 2_000)
      await db.insert(schema.targets).values(targetRows.slice(i, i + 2_000));
    targets += targetRows.length;
  }
  await db.execute(
    sql`update documents d set current_snapshot_id = s.id from snapshots s where s.document_id = d.id`,
  );
  return { targets };
}

/** Enough change-log rows for 400+ pages, spread over documents and tracks. */
async function seedChanges(db: Db): Promise<number> {
  const docs = await db.select({ id: schema.documents.id }).from(schema.documents);
  const tracks = ["metaverse", "digital-economy", "green-low-carbon", "smart-terminals"];
  const changes: NewChange[] = [];
  for (const [n, doc] of docs.entries()) {
    for (let c = 0; c < CHANGES_PER_DOCUMENT; c++) {
      changes.push({
        kind: "target-changed",
        sourceId: SOURCE_ID,
        documentId: doc.id,
        track: tracks[(n + c) % tracks.length]!,
        key: `bench/${c}`,
        metric: `metric ${c}`,
        before: { value: n },
        after: { value: n + 1 },
        sentence: "到2025年，产业规模达到3500亿元。",
        fromSnapshotId: null,
        toSnapshotId: null,
        fromExtractionId: null,
        toExtractionId: null,
      });
    }
  }
  for (let i = 0; i < changes.length; i += 5_000) await appendChanges(db, changes.slice(i, i + 5_000));
  return changes.length;
}

async function benchEngine(engine: EngineKind): Promise<Record<string, string>> {
  const database = await createTestDb(engine);
  const db = database.db;
  try {
    process.stderr.write(`${engine}: seeding ${DOCUMENTS} documents...\n`);
    const seeded = await seed(db);
    const changeRows = await seedChanges(db);

    const bumped: Extractor = {
      ...policyExtractor,
      version: `${policyExtractor.version}+bench`,
      extract: (input) => ({
        ...policyExtractor.extract(input),
        extractorVersion: `${policyExtractor.version}+bench`,
      }),
    };
    process.stderr.write(`${engine}: re-extracting...\n`);
    const reextract = await time(() => reextractAll({ db, extractor: bumped }));

    const current: string[] = [];
    for (const track of ["metaverse", "smart-terminals"]) {
      await listCurrentTargets(db, { track }); // warm
      const { ms, value } = await time(() => listCurrentTargets(db, { track }));
      current.push(`${track} ${value.length} rows ${ms.toFixed(0)} ms`);
    }

    await listChanges(db, { limit: PAGE_SIZE }); // warm
    const page1 = await time(() => listChanges(db, { limit: PAGE_SIZE }));
    let cursor = page1.value.nextCursor;
    for (let page = 2; page < 400 && cursor; page++) {
      cursor = (await listChanges(db, { limit: PAGE_SIZE, cursor })).nextCursor;
    }
    const page400 = await time(() => listChanges(db, { limit: PAGE_SIZE, cursor }));
    const offsetQuery = () =>
      db.execute(sql`select c.*, d.url, d.title from changes c join documents d on d.id = c.document_id
        where c.extractor_only = false order by c.id desc limit ${PAGE_SIZE} offset ${399 * PAGE_SIZE}`);
    await offsetQuery(); // warm
    const offset400 = await time(offsetQuery);
    const filtered = await time(() => listChanges(db, { limit: PAGE_SIZE, track: "metaverse" }));

    return {
      engine,
      "stored targets": String(seeded.targets),
      "re-extract + diff all": `${seconds(reextract.ms)} (${(reextract.value.documents / (reextract.ms / 1000)).toFixed(0)} docs/s, ${reextract.value.failures.length} failures)`,
      "current targets per track": current.join("; "),
      "change log rows": String(changeRows),
      "page 1 (keyset)": `${page1.ms.toFixed(1)} ms`,
      "page 400 (keyset cursor)": `${page400.ms.toFixed(1)} ms (${page400.value.changes.length} rows)`,
      "page 400 (OFFSET, naive peer)": `${offset400.ms.toFixed(1)} ms`,
      "page 1 filtered by track": `${filtered.ms.toFixed(1)} ms`,
    };
  } finally {
    await database.close();
  }
}

const results: Record<string, string>[] = [];
for (const engine of ENGINES) {
  results.push(await benchEngine(engine));
  // Each engine's figures as soon as they exist; the side-by-side table follows at the end.
  process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
}
const rows = Object.keys(results[0] ?? {});
const width = Math.max(...rows.map((r) => r.length));
process.stdout.write(`change log, ${DOCUMENTS} documents\n`);
for (const row of rows) {
  process.stdout.write(`${row.padEnd(width)}  ${results.map((r) => (r[row] ?? "").padEnd(48)).join("  ")}\n`);
}
process.exit(0);
