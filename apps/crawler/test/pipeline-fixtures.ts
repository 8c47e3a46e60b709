import { randomUUID } from "node:crypto";
import {
  createFetcher,
  createLocalPoliteness,
  createRobots,
  type Source,
  sourceSchema,
} from "@trackwatch/crawl";
import { createDb, type Database, IN_MEMORY, migrate } from "@trackwatch/db";
import type { FixtureSite } from "@trackwatch/testkit";
import type { CrawlDeps } from "../src/processors/crawl.ts";

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";

/** A fresh migrated database: in-memory PGlite, or a throwaway PostgreSQL database dropped by cleanup. */
export async function openTestDb(
  engine: "pglite" | "postgres",
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (engine === "pglite") {
    const database = await createDb({ DATA_DIR: IN_MEMORY });
    await migrate(database.db);
    return { database, cleanup: () => database.close() };
  }
  const admin = await createDb({ DATA_DIR: IN_MEMORY, DATABASE_URL: POSTGRES_URL });
  const name = `tw_pipeline_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const raw = (admin.db as unknown as { $client: { unsafe(q: string): Promise<unknown> } }).$client;
  await raw.unsafe(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await createDb({ DATA_DIR: IN_MEMORY, DATABASE_URL: url.toString() });
  await migrate(database.db);
  return {
    database,
    cleanup: async () => {
      await database.close();
      await raw.unsafe(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** The fixture site's static sources, validated like a sources file. */
export function fixtureSources(site: FixtureSite): Source[] {
  const { municipal, commission } = site.sources();
  return [municipal, commission].map((s) => sourceSchema.parse(s));
}

export function localCrawlDeps(sources: Source[]): CrawlDeps & { close(): Promise<void> } {
  const privateHosts = [...new Set(sources.flatMap((s) => s.allow.map((h) => h.replace(/:\d+$/, ""))))];
  const fetcher = createFetcher({ retries: 0, privateHosts });
  return {
    fetcher,
    robots: createRobots({ fetcher }),
    politeness: createLocalPoliteness(),
    renderer: null,
    concurrency: 4,
    defaultSpacingMs: 0,
    close: () => fetcher.close(),
  };
}
