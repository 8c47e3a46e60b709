import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../create-db.ts";
import { executeRows } from "../execute-rows.ts";
import { sources } from "../schema/index.ts";
import { createTestDb, ENGINES } from "./create-test-db.ts";
import { makeSource } from "./factories.ts";

describe.each(ENGINES)("createTestDb(%s)", (kind) => {
  it("gives each caller its own migrated database", async () => {
    const [a, b] = await Promise.all([createTestDb(kind), createTestDb(kind)]);
    try {
      const source = await makeSource(a!.db);
      expect(await a!.db.select().from(sources)).toHaveLength(1);
      expect(await b!.db.select().from(sources)).toEqual([]);
      expect(source.id).toMatch(/^src-/);
    } finally {
      await Promise.all([a?.close(), b?.close()]);
    }
  });
});

describe("createTestDb(postgres)", () => {
  it("drops its database on close, even with a connection still open to it", async () => {
    const database = await createTestDb("postgres");
    const where = database.location.replace(/^PostgreSQL at /, "");
    const name = where.split("/")[1]!;
    const straggler = await createDb({ DATABASE_URL: `postgres://root@${where}`, DATA_DIR: "x" });
    await database.close();

    const server = await createDb({
      DATABASE_URL: process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test",
      DATA_DIR: "x",
    });
    try {
      const rows = await executeRows(server.db, sql`select 1 from pg_database where datname = ${name}`);
      expect(rows).toEqual([]);
    } finally {
      await server.close();
      await straggler.close().catch(() => {});
    }
  });
});
