import type { SQL } from "drizzle-orm";
import type { Db } from "./db-type.ts";

/**
 * Runs raw SQL and returns its rows on either engine: `db.execute` resolves to `{ rows }` on
 * PGlite but to an array on postgres.js. Column types differ too (int8 is a number on PGlite,
 * a string on postgres.js), so cast in SQL (`::int`) or convert with Number() in the caller.
 */
export async function executeRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
