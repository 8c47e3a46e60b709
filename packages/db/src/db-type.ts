import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.ts";

/**
 * What query functions take as their first argument: a PGlite or postgres.js database, or a
 * transaction opened on either (`db.transaction((tx) => recordX(tx, input))`).
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
