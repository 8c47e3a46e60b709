import { type Database, listSourceCrawlStatus, listSourceDocuments, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, type Fetcher } from "../fetch/create-fetcher.ts";
import { createLocalPoliteness } from "../politeness/create-local-politeness.ts";
import { createRobots } from "../robots/create-robots.ts";
import { type Source, sourceSchema } from "../sources/source-schema.ts";
import { type CrawlRunSummary, crawlSource, type SourceHealthChange } from "./crawl-source.ts";

describe("crawlSource health check (pglite)", () => {
  let site: FixtureSite;
  let database: Database;
  let fetcher: Fetcher;
  let source: Source;
  const removed: string[] = [];
  const flips: SourceHealthChange[] = [];

  const crawl = (): Promise<CrawlRunSummary> =>
    crawlSource({
      db: database.db,
      fetcher,
      politeness: createLocalPoliteness(),
      robots: createRobots({ fetcher, ttlMs: 1 }),
      source,
      trigger: "manual",
      defaultSpacingMs: 0,
      onSnapshot: () => {},
      onRemoved: (_id, url) => {
        removed.push(url);
      },
      onHealthChange: (change) => {
        flips.push(change);
      },
    });

  beforeAll(async () => {
    site = await startFixtureSite();
    site.generate(16, { site: "commission" });
    database = await createTestDb("pglite");
    fetcher = createFetcher({ retries: 0, privateHosts: ["127.0.0.1"] });
    source = sourceSchema.parse(site.sources().commission);
    await syncSources(database.db, { sources: [{ id: source.id, name: source.name, definition: source }] });
  });

  afterAll(async () => {
    await fetcher?.close();
    await database?.close();
    await site?.close();
  });

  it("a list that suddenly yields far fewer links makes the source unhealthy, and 404/410 answers then remove nothing", async () => {
    for (let i = 0; i < 2; i++) expect((await crawl()).health?.health).toBe("healthy");
    const usual = site.listDocuments("commission").length;
    expect(usual).toBe(20);
    // Most announcements vanish from the list at once (a broken list template), and one that is
    // still listed answers 410: on a healthy source, two such runs would remove it.
    const generated = site.listDocuments("commission").filter((d) => !d.id.startsWith("jxw-"));
    for (const doc of generated.slice(0, 15)) site.removeDocument(doc.id);
    const gone = SEED_DOCUMENT_IDS.investmentMeasures;
    site.setFault(site.document(gone).path, { kind: "gone", status: 410 });

    for (let i = 0; i < 3; i++) {
      const run = await crawl();
      expect(run.linksFound).toBe(5);
      expect(run.health).toEqual({
        health: "unhealthy",
        reason: "list pages yielded 5 links, far fewer than usual (median 20 of the last 2 runs)",
      });
      expect(run.removed).toBe(0);
    }
    expect(removed).toEqual([]);
    const doc = (await listSourceDocuments(database.db, { sourceId: source.id })).find(
      (d) => d.url === site.documentUrl(gone),
    );
    expect(doc).toMatchObject({ goneCount: 0, removedAt: null });
    expect(flips.map((f) => [f.health, f.reason])).toEqual([
      ["unhealthy", "list pages yielded 5 links, far fewer than usual (median 20 of the last 2 runs)"],
    ]);
    const status = (await listSourceCrawlStatus(database.db)).find((s) => s.id === source.id);
    expect(status).toMatchObject({ health: "unhealthy" });
  });
});
