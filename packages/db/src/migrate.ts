import { fileURLToPath } from "node:url";
import { is, sql } from "drizzle-orm";
import { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type postgres from "postgres";
import type { Db } from "./db-type.ts";
import { executeRows } from "./execute-rows.ts";

/** The committed drizzle-kit migrations, found from this file so any working directory works. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../drizzle", import.meta.url));

export interface MigrateResult {
  /** Migrations applied by this call. */
  applied: number;
  /** Migrations recorded in the database afterwards. */
  total: number;
}

async function countApplied(db: Db): Promise<number> {
  const exists = await executeRows(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists[0]?.t) return 0;
  const rows = await executeRows(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n ?? 0);
}

/** Runs `apply` and reports how many migrations it added. */
async function counted(db: Db, apply: () => Promise<void>): Promise<MigrateResult> {
  const before = await countApplied(db);
  await apply();
  const total = await countApplied(db);
  return { applied: total - before, total };
}

/**
 * Applies the committed migrations that have not run yet; a no-op when the schema is current.
 * Pass the database from createDb, not a transaction (the migrator opens its own).
 */
export async function migrate(db: Db): Promise<MigrateResult> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (is(db, PgliteDatabase)) {
    return counted(db, () => migratePglite(db, config));
  }
  if (is(db, PostgresJsDatabase)) {
    // Several workers may start at once against one PostgreSQL; a session advisory lock makes
    // them migrate one after another instead of racing on CREATE TABLE.
    const client = (db as unknown as { $client: postgres.Sql }).$client;
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(hashtext('trackwatch:migrate'))`;
      try {
        return await counted(db, () => migratePostgres(db, config));
      } finally {
        await reserved`select pg_advisory_unlock(hashtext('trackwatch:migrate'))`;
      }
    } finally {
      reserved.release();
    }
  }
  throw new Error("migrate() needs a database from createDb(), not a transaction");
}
