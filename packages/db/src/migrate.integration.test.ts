import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Database } from "./create-db.ts";
import { MIGRATIONS_FOLDER, migrate } from "./migrate.ts";
import { documents } from "./schema/index.ts";
import { createTestDb } from "./testing/index.ts";

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

const opened: Database[] = [];
afterEach(async () => {
  for (const database of opened.splice(0).reverse()) await database.close();
});

describe("migrate on PostgreSQL", () => {
  it("lets several workers starting at once migrate one empty database without a clash", async () => {
    const target = await createTestDb("postgres", { migrated: false });
    opened.push(target);
    const url = `postgres://root@${target.location.replace(/^PostgreSQL at /, "")}`;
    const workers = await Promise.all([1, 2, 3].map(() => createDb({ DATABASE_URL: url, DATA_DIR: "x" })));
    opened.push(...workers);

    const results = await Promise.all(workers.map((worker) => migrate(worker.db)));
    expect(results.map((r) => r.total)).toEqual([
      journal.entries.length,
      journal.entries.length,
      journal.entries.length,
    ]);
    // Exactly one worker applied them; the others found the schema current.
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, journal.entries.length]);
    expect(await target.db.select().from(documents)).toEqual([]);
  });
});

describe("migrate on PGlite", () => {
  it("applies every committed migration to a fresh database, once", async () => {
    const database = await createDb({ DATA_DIR: ":memory:" });
    opened.push(database);
    expect(await migrate(database.db)).toEqual({
      applied: journal.entries.length,
      total: journal.entries.length,
    });
    expect(await migrate(database.db)).toEqual({ applied: 0, total: journal.entries.length });
    // close() is safe to call twice (a shutdown hook and a finally block may both call it).
    await database.close();
  });
});
