import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

/** Throws when the database does not answer a trivial query; used by readiness checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
