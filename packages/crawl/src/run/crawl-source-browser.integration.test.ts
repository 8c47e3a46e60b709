import { randomUUID } from "node:crypto";
import { type Database, listSourceDocuments, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserRenderer, createBrowserRenderer } from "../browser/create-browser-renderer.ts";
import { createFetcher, type Fetcher } from "../fetch/create-fetcher.ts";
import { createPoliteness } from "../politeness/create-politeness.ts";
import { createRobots } from "../robots/create-robots.ts";
import { type Source, sourceSchema } from "../sources/source-schema.ts";
import { crawlSource } from "./crawl-source.ts";

let site: FixtureSite;
let database: Database;
let fetcher: Fetcher;
let renderer: BrowserRenderer;
let redis: Redis;
const prefix = `test:crawl-browser:${randomUUID()}`;

beforeAll(async () => {
  site = await startFixtureSite();
  database = await createTestDb("pglite");
  fetcher = createFetcher({ retries: 0 });
  renderer = createBrowserRenderer({ chromiumPath: process.env.CHROMIUM_PATH });
  redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
});

afterAll(async () => {
  const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
  if (keys.length > 0) await redis.del(...keys);
  redis?.disconnect();
  await renderer?.close();
  await fetcher?.close();
  await database?.close();
  await site?.close();
});

async function crawl(source: Source, withRenderer: boolean) {
  await syncSources(database.db, { sources: [{ id: source.id, name: source.name, definition: source }] });
  return crawlSource({
    db: database.db,
    fetcher,
    politeness: createPoliteness(redis, { prefix }),
    robots: createRobots({ fetcher }),
    renderer: withRenderer ? renderer : null,
    source,
    trigger: "schedule",
    onSnapshot: () => {},
  });
}

describe("crawlSource with a list built by JavaScript", () => {
  it("finds no announcements when the list is fetched statically", async () => {
    const source = sourceSchema.parse({
      ...site.sources().script,
      id: "fixture-script-static",
      render: "static",
    });
    const run = await crawl(source, false);
    expect(run).toMatchObject({ status: "succeeded", linksFound: 0, newDocuments: 0 });
  });

  it("fails clearly when a browser source has no browser", async () => {
    const source = sourceSchema.parse(site.sources().script);
    const run = await crawl(source, false);
    expect(run.status).toBe("failed");
    expect(run.error).toContain("no browser is configured");
  });

  it("renders the list in Chromium and crawls the announcements it links", async () => {
    const source = sourceSchema.parse(site.sources().script);
    const run = await crawl(source, true);
    const expected = site.listDocuments("municipal").map((d) => site.url(d.path));
    expect(run).toMatchObject({
      status: "succeeded",
      linksFound: expected.length,
      newDocuments: expected.length,
      failed: 0,
    });
    const docs = await listSourceDocuments(database.db, { sourceId: source.id });
    expect(docs.map((d) => d.url).sort()).toEqual([...expected].sort());
  });
});
