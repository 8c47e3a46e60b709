import { randomUUID } from "node:crypto";
import {
  type Database,
  getCrawlRun,
  getSnapshotForExtraction,
  listDocumentSnapshots,
  listSourceDocuments,
  syncSources,
} from "@trackwatch/db";
import { createTestDb, ENGINES } from "@trackwatch/db/testing";
import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, type Fetcher } from "../fetch/create-fetcher.ts";
import { createPoliteness, type Politeness } from "../politeness/create-politeness.ts";
import { createRobots } from "../robots/create-robots.ts";
import { type Source, sourceSchema } from "../sources/source-schema.ts";
import { type CrawlRunSummary, type CrawlSourceInput, crawlSource } from "./crawl-source.ts";

describe.each(ENGINES)("crawlSource against the fixture commission site (%s)", (engine) => {
  let site: FixtureSite;
  let database: Database;
  let fetcher: Fetcher;
  let source: Source;
  let redis: Redis;
  let politeness: Politeness;
  const prefix = `test:crawl:${randomUUID()}`;
  const handedOff: number[] = [];
  const removed: string[] = [];

  async function crawl(overrides: Partial<CrawlSourceInput> = {}): Promise<CrawlRunSummary> {
    return crawlSource({
      db: database.db,
      fetcher,
      politeness,
      robots: createRobots({ fetcher, ttlMs: 1 }),
      source,
      trigger: "manual",
      requestedBy: "test",
      concurrency: 4,
      onSnapshot: (id) => {
        handedOff.push(id);
      },
      onRemoved: (_id, url) => {
        removed.push(url);
      },
      ...overrides,
    });
  }

  async function documents() {
    return listSourceDocuments(database.db, { sourceId: source.id });
  }

  async function documentAt(url: string) {
    const doc = (await documents()).find((d) => d.url === url);
    if (!doc) throw new Error(`no document at ${url}`);
    return doc;
  }

  async function snapshotCount(): Promise<number> {
    let count = 0;
    for (const doc of await documents())
      count += (await listDocumentSnapshots(database.db, { documentId: doc.id })).length;
    return count;
  }

  async function currentBody(url: string) {
    const doc = await documentAt(url);
    const [latest] = await listDocumentSnapshots(database.db, { documentId: doc.id });
    const { snapshot } = await getSnapshotForExtraction(database.db, { snapshotId: latest!.id });
    return { summary: latest!, body: snapshot.body };
  }

  beforeAll(async () => {
    site = await startFixtureSite();
    database = await createTestDb(engine);
    redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    // A 503 without Retry-After backs the host off; keep that short so later tests do not wait.
    politeness = createPoliteness(redis, { prefix, defaultBackOffMs: 200 });
    fetcher = createFetcher({
      retries: 0,
      totalTimeoutMs: 3_000,
      headersTimeoutMs: 2_000,
      bodyIdleTimeoutMs: 2_000,
    });
    source = sourceSchema.parse(site.sources().commission);
    await syncSources(database.db, { sources: [{ id: source.id, name: source.name, definition: source }] });
  });

  afterAll(async () => {
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await fetcher?.close();
    await database?.close();
    await site?.close();
  });

  it("stores every announcement and hands each new snapshot off once", async () => {
    const run = await crawl();
    const expected = site.listDocuments("commission");
    expect(run).toMatchObject({
      status: "succeeded",
      linksFound: expected.length,
      newDocuments: expected.length,
    });
    expect(run.failed).toBe(0);
    expect(handedOff).toEqual(expect.arrayContaining(run.snapshotIds));
    expect(handedOff).toHaveLength(expected.length);
    const docs = await documents();
    expect(docs.map((d) => d.url).sort()).toEqual(expected.map((d) => site.url(d.path)).sort());
    expect(docs.every((d) => d.currentSnapshotId !== null && d.title)).toBe(true);
    // GBK decoded into text, and the plain-text notice stored as such.
    const gbk = await currentBody(site.documentUrl(SEED_DOCUMENT_IDS.smartTerminalsPlan));
    expect(gbk.summary.charset).toBe("gb18030");
    expect(gbk.body).toContain("到2025年，全市智能终端相关产业规模达到7000亿元");
    const text = await currentBody(site.documentUrl(SEED_DOCUMENT_IDS.plainTextNotice));
    expect(text.summary.contentType).toContain("text/plain");
    expect(text.body).toContain("发文字号：沪经信节〔2023〕88号");
    const row = await getCrawlRun(database.db, { id: run.runId });
    expect(row).toMatchObject({
      status: "succeeded",
      trigger: "manual",
      requestedBy: "test",
      newDocuments: expected.length,
    });
    expect(row.finishedAt).not.toBeNull();
  });

  it("re-crawls unchanged pages with 304s and stores nothing", async () => {
    const before = await snapshotCount();
    handedOff.length = 0;
    const run = await crawl();
    // List pages too: their links are remembered, so an unchanged list costs a 304 as well.
    expect(run).toMatchObject({
      notModified: run.linksFound + run.listPages,
      pagesFetched: run.linksFound + run.listPages,
      newDocuments: 0,
      changed: 0,
      failed: 0,
    });
    expect(run.bytes).toBe(0);
    expect(await snapshotCount()).toBe(before);
    expect(handedOff).toEqual([]);
  });

  it("without validators, equal bodies are recognised by hash", async () => {
    site.setValidators(false);
    try {
      const run = await crawl();
      expect(run).toMatchObject({ notModified: 0, unchanged: run.linksFound, changed: 0 });
      expect(handedOff).toEqual([]);
    } finally {
      site.setValidators(true);
    }
  });

  it("a visitor counter and clock in the footer are not a change", async () => {
    site.setFault("detail:*", { kind: "dynamic-footer" });
    try {
      const before = await snapshotCount();
      const run = await crawl();
      // Every HTML page now has a new ETag and body but the same main text; the plain-text
      // notice has no footer, so it still answers 304.
      expect(run).toMatchObject({
        notModified: run.listPages + 1,
        unchanged: run.linksFound - 1,
        changed: 0,
        failed: 0,
      });
      expect(await snapshotCount()).toBe(before);
    } finally {
      site.setFault("detail:*", null);
    }
  });

  it("a published revision gives exactly one new snapshot", async () => {
    const id = SEED_DOCUMENT_IDS.metaverseRepost;
    site.publishRevision(id);
    const run = await crawl();
    expect(run).toMatchObject({ changed: 1, newDocuments: 0, failed: 0 });
    expect(handedOff).toEqual(run.snapshotIds);
    const { snapshot } = await getSnapshotForExtraction(database.db, { snapshotId: run.snapshotIds[0]! });
    expect(snapshot.body).toContain("产业规模达到4000亿元");
    expect(
      (await listDocumentSnapshots(database.db, { documentId: (await documentAt(site.documentUrl(id))).id }))
        .length,
    ).toBe(2);
    handedOff.length = 0;
  });

  it("a page that alternates between two versions on every request records no change until it settles", async () => {
    const id = SEED_DOCUMENT_IDS.investmentMeasures;
    const url = site.documentUrl(id);
    site.publishRevision(id);
    site.setFault(new URL(url).pathname, { kind: "flip" });
    try {
      // Whichever version a run meets first, a changed text is fetched again and does not agree.
      const runs = [await crawl(), await crawl()];
      expect(runs.map((r) => r.changed)).toEqual([0, 0]);
      expect(runs.flatMap((r) => r.errors)).toContainEqual(
        expect.objectContaining({ url, kind: "unstable" }),
      );
      expect(handedOff).toEqual([]);
    } finally {
      site.setFault(new URL(url).pathname, null);
    }
    // Once both fetches agree, the revision is recorded, once.
    const settled = await crawl();
    expect(settled).toMatchObject({ changed: 1, failed: 0 });
    expect(handedOff).toEqual(settled.snapshotIds);
    handedOff.length = 0;
  });

  it("a version stored by a run that died before handing it off is handed off by the next run", async () => {
    const id = SEED_DOCUMENT_IDS.metaverseRepost;
    await crawl();
    handedOff.length = 0;
    site.publishRevision(id);
    // The process is SIGKILLed after the snapshot is stored and before the extract job exists.
    await crawl({
      onSnapshot: () => {
        throw new Error("killed before the hand-off");
      },
    }).catch(() => {});
    const stored = (await documentAt(site.documentUrl(id))).currentSnapshotId;
    const run = await crawl();
    // Stored already, so the run counts it unchanged; what matters is that extraction gets it.
    expect(run).toMatchObject({ failed: 0 });
    expect(handedOff).toEqual([stored]);
    handedOff.length = 0;
    // Handed off now: the run after that has nothing to do.
    expect(await crawl()).toMatchObject({ changed: 0, newDocuments: 0 });
    expect(handedOff).toEqual([]);
  });

  it("a revision published at a new URL shows up on the list and is a new document", async () => {
    const revised = site.publishRevisionAsNewUrl(SEED_DOCUMENT_IDS.smartTerminalsPlan, { year: 2023 });
    const run = await crawl();
    expect(run).toMatchObject({ newDocuments: 1, changed: 0, failed: 0 });
    const doc = await documentAt(site.url(revised.path));
    expect(doc.title).toBe("上海市促进智能终端产业高质量发展行动方案（2022—2025年）（2023年修订）");
    handedOff.length = 0;
  });

  it("records 500s, timeouts, error pages and redirects off the allow list without removing anything", async () => {
    const [a, b, c, d] = [
      SEED_DOCUMENT_IDS.smartTerminalsPlan,
      SEED_DOCUMENT_IDS.metaverseRepost,
      SEED_DOCUMENT_IDS.investmentMeasures,
      SEED_DOCUMENT_IDS.plainTextNotice,
    ].map((id) => site.document(id).path);
    site.setFault(a!, { kind: "status", status: 500 });
    site.setFault(b!, { kind: "slowloris", intervalMs: 200 });
    site.setFault(c!, { kind: "error-page" });
    site.setFault(d!, { kind: "redirect", location: `${site.otherOrigin}${d}` });
    try {
      for (let i = 0; i < 2; i++) {
        const run = await crawl();
        expect(run.status).toBe("succeeded");
        expect(run.failed).toBe(4);
        expect(run.removed).toBe(0);
        const kinds = Object.fromEntries(run.errors.map((e) => [new URL(e.url).pathname, e.kind]));
        expect(kinds).toEqual({
          [a!]: "http-5xx",
          [b!]: "timeout",
          [c!]: "error-page",
          [d!]: "redirect-outside-allow",
        });
      }
      const docs = await documents();
      expect(docs.every((doc) => doc.removedAt === null && doc.goneCount === 0)).toBe(true);
      expect(site.requestCount(`${d}`)).toBeGreaterThan(0);
      expect(handedOff).toEqual([]);
    } finally {
      site.clearFaults();
    }
  });

  it("marks a document removed after 404/410 on two consecutive runs", async () => {
    const id = SEED_DOCUMENT_IDS.investmentMeasures;
    const url = site.documentUrl(id);
    site.setFault(site.document(id).path, { kind: "gone", status: 410 });
    try {
      await crawl();
      const once = await documentAt(url);
      expect(once).toMatchObject({ goneCount: 1, removedAt: null });
      const second = await crawl();
      expect(second.removed).toBe(1);
      expect(removed).toEqual([url]);
      const twice = await documentAt(url);
      expect(twice.goneCount).toBe(2);
      expect(twice.removedAt).toBeInstanceOf(Date);
    } finally {
      site.clearFaults();
    }
  });

  it("fails the run with a clear error when a list page is broken", async () => {
    site.setFault("list:*", { kind: "status", status: 503 });
    try {
      const run = await crawl();
      expect(run.status).toBe("failed");
      expect(run.error).toContain(`list page ${site.urls.commissionList} failed`);
      expect(run.pagesFetched).toBe(1);
      const row = await getCrawlRun(database.db, { id: run.runId });
      expect(row.status).toBe("failed");
      expect(row.error).toContain("503");
    } finally {
      site.clearFaults();
    }
  });

  it("fails the run when a list page is an error page served with 200", async () => {
    site.setFault("list:*", { kind: "error-page" });
    try {
      const run = await crawl();
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/list page .* failed: error page \(title "404 页面不存在"\)/);
      expect(run.linksFound).toBe(0);
    } finally {
      site.clearFaults();
    }
  });

  it("skips pages robots.txt disallows, without counting them gone", async () => {
    site.setRobotsTxt(`User-agent: *\nDisallow: ${site.document(SEED_DOCUMENT_IDS.plainTextNotice).path}\n`);
    try {
      const path = site.document(SEED_DOCUMENT_IDS.plainTextNotice).path;
      site.resetCounters();
      const run = await crawl();
      expect(run.errors).toEqual([expect.objectContaining({ url: site.url(path), kind: "robots" })]);
      expect(site.requestCount(path)).toBe(0);
    } finally {
      site.setRobotsTxt("User-agent: *\nDisallow: /private/\n");
    }
  });
});
