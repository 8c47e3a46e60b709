import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, schema } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/trackwatch.js", import.meta.url));
// PGlite's first start (initdb in WASM, on disk) takes many seconds on a loaded machine.
const SLOW = { timeout: 180_000 };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `trackwatch ARGS` in its own process, from a neutral working directory. */
function trackwatch(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tw-cli-migrate-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("trackwatch migrate", { timeout: 120_000 }, () => {
  it("creates the schema in the PGlite data directory, then finds it up to date", SLOW, async () => {
    const dataDir = tempDataDir();
    const first = await trackwatch(["migrate"], { DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`^migrated PGlite at ${path.join(dataDir, "pglite")}: applied \\d+ migrations? \\(`),
    );

    const second = await trackwatch(["migrate"], { DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("already up to date");

    const database = await createDb({ DATA_DIR: dataDir });
    try {
      expect(await database.db.select().from(schema.documents)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it("creates the schema on PostgreSQL and prints host and database but not the password", async () => {
    const target = await createTestDb("postgres", { migrated: false });
    cleanups.push(() => target.close());
    const where = target.location.replace(/^PostgreSQL at /, "");
    const url = `postgres://root:hunter2@${where}`;
    await expect(target.db.select().from(schema.documents)).rejects.toThrow();

    const run = await trackwatch(["migrate"], { DATABASE_URL: url });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^migrated PostgreSQL at ${where}: applied \\d+ migrations?`));
    expect(run.stdout).not.toContain("hunter2");
    expect(await target.db.select().from(schema.documents)).toEqual([]);
  });

  it("prints one line and exits 1 for a DATABASE_URL that is not a URL", async () => {
    const run = await trackwatch(["migrate"], { DATABASE_URL: "not-a-url", DATA_DIR: tempDataDir() });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "trackwatch migrate: invalid configuration: DATABASE_URL: expected a postgres:// URL, or unset for embedded PGlite\n",
    );
  });

  it("prints one line naming host and port, and exits 1, when PostgreSQL does not answer", async () => {
    const run = await trackwatch(["migrate"], { DATABASE_URL: "postgres://root:pw@127.0.0.1:1/trackwatch" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "trackwatch migrate: cannot connect to PostgreSQL at 127.0.0.1:1/trackwatch: connection refused (is the server running?)\n",
    );
  });

  it(
    "refuses with one line naming the owner while another process holds the PGlite directory",
    SLOW,
    async () => {
      const dataDir = tempDataDir();
      const owner = await createDb({ DATA_DIR: dataDir });
      cleanups.push(() => owner.close());

      const run = await trackwatch(["migrate"], { DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n")).toHaveLength(2);
      expect(run.stderr).toContain(
        `trackwatch migrate: PGlite data directory ${dataDir} is in use by process ${process.pid}`,
      );
    },
  );
});
