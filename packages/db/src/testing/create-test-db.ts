import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import postgres from "postgres";
import { createDb, type Database } from "../create-db.ts";
import { migrate } from "../migrate.ts";
import * as schema from "../schema/index.ts";

export type EngineKind = Database["kind"];
export const ENGINES: readonly EngineKind[] = ["pglite", "postgres"];

const DEFAULT_TEST_POSTGRES_URL = "postgres://root@127.0.0.1:5432/test";

export interface TestDbOptions {
  /** Server to create the throwaway database on; default TEST_POSTGRES_URL or postgres://root@127.0.0.1:5432/test. */
  postgresUrl?: string;
  /** false: an empty PostgreSQL database, for testing migrations themselves. Default true. */
  migrated?: boolean;
}

/**
 * A fresh, migrated database that nobody else sees: an in-memory PGlite, or a new
 * `tw_test_<random>` database on the test PostgreSQL. `close()` discards it (drops the database).
 */
export async function createTestDb(kind: EngineKind, options: TestDbOptions = {}): Promise<Database> {
  return kind === "pglite" ? createTestPglite() : createTestPostgres(options);
}

// Starting PGlite (initdb in WASM) takes seconds; a migrated data dir is built once per process
// and every test database is loaded from a copy of it.
let migratedPglite: Promise<Blob> | undefined;

async function buildMigratedPglite(): Promise<Blob> {
  const client = new PGlite();
  try {
    await migrate(drizzle({ client, schema }));
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

async function createTestPglite(): Promise<Database> {
  migratedPglite ??= buildMigratedPglite();
  const client = new PGlite({ loadDataDir: await migratedPglite });
  await client.waitReady;
  return {
    db: drizzle({ client, schema }),
    kind: "pglite",
    location: "PGlite in memory",
    close: () => client.close(),
  };
}

async function createTestPostgres(options: TestDbOptions): Promise<Database> {
  // Test helpers are the one place in db that reads the environment, so CI can point them elsewhere.
  const serverUrl = options.postgresUrl ?? process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  // The creation time in the name lets a later run drop databases a killed run left behind.
  const name = `tw_test_${Math.floor(Date.now() / 1000).toString(36)}_${randomBytes(5).toString("hex")}`;
  await withAdmin(serverUrl, async (sql) => {
    sweeping ??= dropAbandoned(sql).catch(() => {});
    await sweeping;
    await sql`create database ${sql(name)}`;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  try {
    database = await createDb({ DATABASE_URL: url.toString(), DATA_DIR: "unused" });
    if (options.migrated !== false) await migrate(database.db);
  } catch (error) {
    await database?.close();
    await dropDatabase(serverUrl, name);
    throw error;
  }
  let closed = false;
  const opened = database;
  return {
    ...opened,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await opened.close();
      } finally {
        await dropDatabase(serverUrl, name);
      }
    },
  };
}

// No test runs for an hour; an idle test database older than that was left by a killed run.
const ABANDONED_AFTER_SECONDS = 3600;
let sweeping: Promise<void> | undefined;

async function dropAbandoned(sql: postgres.Sql): Promise<void> {
  const rows = await sql<{ datname: string }[]>`
    select datname from pg_database d
    where datname like 'tw\\_test\\_%'
      and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`;
  const now = Date.now() / 1000;
  for (const { datname } of rows) {
    const created = Number.parseInt(datname.split("_")[2] ?? "", 36);
    if (Number.isFinite(created) && now - created > ABANDONED_AFTER_SECONDS) {
      await sql`drop database if exists ${sql(datname)}`;
    }
  }
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, async (sql) => {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    await sql`drop database if exists ${sql(name)}`;
  });
}

async function withAdmin(serverUrl: string, fn: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
