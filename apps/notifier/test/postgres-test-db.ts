import { randomBytes } from "node:crypto";
import { createDb, type Database, migrate } from "@trackwatch/db";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";

/**
 * A fresh, migrated PostgreSQL database with a random name (the crash test needs one that a child
 * process can open too), dropped by `cleanup`.
 */
export async function createPostgresTestDb(): Promise<Database & { url: string; cleanup(): Promise<void> }> {
  const name = `tw_notifier_${randomBytes(6).toString("hex")}`;
  const admin = await createDb({ DATABASE_URL: ADMIN_URL, DATA_DIR: "unused" });
  await admin.db.execute(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await createDb({ DATABASE_URL: url.toString(), DATA_DIR: "unused" });
  await migrate(database.db);
  return {
    ...database,
    url: url.toString(),
    async cleanup() {
      await database.close();
      await admin.db.execute(`drop database if exists "${name}" with (force)`);
      await admin.close();
    },
  };
}
