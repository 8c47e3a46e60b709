export { createDb, type Database, type DbConfig, DbConnectError, IN_MEMORY } from "./create-db.ts";
export type { Db } from "./db-type.ts";
export { MIGRATIONS_FOLDER, migrate } from "./migrate.ts";
export { DataDirLockedError } from "./pglite-lock.ts";
export * as schema from "./schema/index.ts";
