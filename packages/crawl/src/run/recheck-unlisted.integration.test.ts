import { randomUUID } from "node:crypto";
import { type Database, listSourceDocuments, syncSources } from "@trackwatch/db";
import { createTestDb, ENGINES } from "@trackwatch/db/testing";
import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher, type Fetcher } from "../fetch/create-fetcher.ts";
import { createPoliteness } from "../politeness/create-politeness.ts";
import { createRobots } from "../robots/create-robots.ts";
import { type Source, sourceSchema } from "../sources/source-schema.ts";
import { crawlSource, RECHECK_UNLISTED_PER_RUN } from "./crawl-source.ts";

describe.each(ENGINES)("crawlSource re-checks documents no list shows any more (%s)", (engine) => {
  let site: FixtureSite;
  let database: Database;
  let fetcher: Fetcher;
  let redis: Redis;
  let source: Source;
  const prefix = `test:recheck:${randomUUID()}`;
  const removed: string[] = [];

  const crawl = (definition: Source = source) =>
    crawlSource({
      db: database.db,
      fetcher,
      politeness: createPoliteness(redis, { prefix }),
      robots: createRobots({ fetcher }),
      source: definition,
      trigger: "manual",
      concurrency: 4,
      defaultSpacingMs: 0,
      onSnapshot: () => {},
      onRemoved: (_id, url) => {
        removed.push(url);
      },
    });

  const documentAt = async (url: string) =>
    (await listSourceDocuments(database.db, { sourceId: source.id })).find((d) => d.url === url)!;

  beforeAll(async () => {
    // Five list pages of five: enough documents that a shortened list leaves more unlisted than a run re-checks.
    site = await startFixtureSite({ pageSize: 5 });
    site.generate(20, { site: "commission" });
    database = await createTestDb(engine);
    redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    fetcher = createFetcher({ retries: 0 });
    source = sourceSchema.parse({ ...site.sources().commission, maxPages: 10 });
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

  it("stores every announcement of the five list pages", async () => {
    const first = await crawl();
    expect(first).toMatchObject({ status: "succeeded", failed: 0 });
    expect(first.newDocuments).toBe(site.listDocuments("commission").length);
  });

  it("re-checks only a few documents that fell off the list, and keeps those that still answer", async () => {
    const shortened = sourceSchema.parse({ ...source, maxPages: 1 });
    const unlisted = site
      .listDocuments("commission")
      .slice(5)
      .map((d) => d.path);
    site.resetCounters();
    const run = await crawl(shortened);
    expect(run).toMatchObject({ status: "succeeded", failed: 0, removed: 0, linksFound: 5 });
    const rechecked = unlisted.filter((path) => site.requestCount(path) > 0);
    expect(rechecked).toHaveLength(RECHECK_UNLISTED_PER_RUN);
    // They answered (304): seen again, so the next run re-checks others.
    site.resetCounters();
    await crawl(shortened);
    const next = unlisted.filter((path) => site.requestCount(path) > 0);
    expect(next).toHaveLength(RECHECK_UNLISTED_PER_RUN);
    expect(next.filter((path) => rechecked.includes(path))).toEqual([]);
  });

  it("marks a withdrawn announcement removed when its URL answers 410 on two consecutive runs", async () => {
    const id = SEED_DOCUMENT_IDS.investmentMeasures;
    const url = site.documentUrl(id);
    const path = site.document(id).path;
    site.removeDocument(id, 410);
    site.resetCounters();
    const once = await crawl();
    expect(once.linksFound).toBe(site.listDocuments("commission").length);
    expect(site.requestCount(path)).toBe(1);
    expect(once.removed).toBe(0);
    expect(await documentAt(url)).toMatchObject({ goneCount: 1, removedAt: null });

    const twice = await crawl();
    expect(twice.removed).toBe(1);
    expect(removed).toEqual([url]);
    expect((await documentAt(url)).removedAt).toBeInstanceOf(Date);

    // A removed document is not asked for again.
    site.resetCounters();
    await crawl();
    expect(site.requestCount(path)).toBe(0);
  });
});
