import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "./db-type.ts";
import { acquirePgliteLock } from "./pglite-lock.ts";
import * as schema from "./schema/index.ts";
import { surviveClosedSocketWrite } from "./survive-closed-socket-write.ts";

/** `DATA_DIR` value that opens a throwaway in-memory PGlite (tests, previews); no lock, no files. */
export const IN_MEMORY = ":memory:";

export interface DbConfig {
  /** PostgreSQL when set; embedded PGlite under DATA_DIR otherwise. */
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, safe to print: the PGlite directory, or host:port/database (no password). */
  location: string;
  close(): Promise<void>;
}

/** Raised when the database cannot be opened; the message is one line meant for the user. */
export class DbConnectError extends Error {
  override name = "DbConnectError";
}

/**
 * Opens the database the config points at. Async because it verifies the connection (a wrong
 * DATABASE_URL fails here, not at the first query) and, for PGlite, takes the data-dir lock.
 */
export async function createDb(config: DbConfig): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.DATA_DIR);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir === IN_MEMORY) {
    const client = new PGlite();
    await client.waitReady;
    let closed = false;
    return {
      db: drizzlePglite({ client, schema }),
      kind: "pglite",
      location: "PGlite in memory",
      async close() {
        if (closed) return;
        closed = true;
        await client.close();
      },
    };
  }
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const release = acquirePgliteLock(dir);
  const pgliteDir = path.join(dir, "pglite");
  let client: PGlite;
  try {
    client = new PGlite(pgliteDir);
    await client.waitReady;
  } catch (error) {
    release();
    throw new DbConnectError(`cannot open PGlite data directory ${pgliteDir}: ${firstLine(error)}`);
  }
  let closed = false;
  return {
    db: drizzlePglite({ client, schema }),
    kind: "pglite",
    location: `PGlite at ${pgliteDir}`,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** host:port/database of a postgres URL, without credentials; throws a one-line error when malformed. */
export function describePostgresUrl(url: string): { host: string; port: number; database: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DbConnectError("DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DbConnectError(`DATABASE_URL must start with postgres://, got ${parsed.protocol}//`);
  }
  return {
    host: decodeURIComponent(parsed.hostname) || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || decodeURIComponent(parsed.username),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { host, port, database } = describePostgresUrl(url);
  const where = `${host}:${port}/${database}`;
  let client: postgres.Sql;
  surviveClosedSocketWrite();
  try {
    client = postgres(url, {
      max: 10,
      connect_timeout: 10,
      // NOTICEs (e.g. "schema already exists, skipping" during migrate) are not worth a log line.
      onnotice: () => {},
    });
  } catch (error) {
    throw new DbConnectError(`DATABASE_URL could not be parsed: ${firstLine(error)}`);
  }
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 0 }).catch(() => {});
    throw new DbConnectError(`cannot connect to PostgreSQL at ${where}: ${connectReason(error)}`);
  }
  return {
    db: drizzlePostgres({ client, schema }),
    kind: "postgres",
    location: `PostgreSQL at ${where}`,
    // postgres.js end() is idempotent; timeout bounds the wait for queries still running.
    close: () => client.end({ timeout: 5 }),
  };
}

function connectReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED") return "connection refused (is the server running?)";
  if (code === "ENOTFOUND") return "host not found";
  if (code === "CONNECT_TIMEOUT" || code === "ETIMEDOUT") return "timed out";
  return firstLine(error);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
