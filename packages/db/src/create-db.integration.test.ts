import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, DbConnectError } from "./create-db.ts";
import { DataDirLockedError } from "./pglite-lock.ts";
import { documents } from "./schema/index.ts";
import { makeDocument } from "./testing/index.ts";

const HOLDER = fileURLToPath(new URL("../test/hold-data-dir.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tw-db-lock-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a process holding dataDir; resolves once it has opened and migrated it. */
async function holdInChild(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dataDir], {
    cwd: PACKAGE_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`holder exited ${code}: ${stderr}`)));
  });
  return child;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once("exit", resolve));
}

describe("createDb on PGlite: one process per data directory", () => {
  it("refuses a second process at once, naming the owner's pid and the directory, and takes over once it died", async () => {
    const dataDir = tempDataDir();
    const owner = await holdInChild(dataDir);
    expect(readFileSync(path.join(dataDir, "pglite.lock"), "utf8").trim()).toBe(String(owner.pid));

    const refused = createDb({ DATA_DIR: dataDir });
    await expect(refused).rejects.toThrow(DataDirLockedError);
    await expect(refused).rejects.toThrow(`in use by process ${owner.pid}`);
    await expect(refused).rejects.toThrow(dataDir);

    // The owner crashes without cleaning up: its lock is stale and the next process takes over,
    // finding the schema the owner migrated.
    owner.kill("SIGKILL");
    await exited(owner);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(true);
    const handle = await createDb({ DATA_DIR: dataDir });
    try {
      expect(readFileSync(path.join(dataDir, "pglite.lock"), "utf8").trim()).toBe(String(process.pid));
      const [row] = await handle.db.select({ n: count() }).from(documents);
      expect(row?.n).toBe(0);
    } finally {
      await handle.close();
    }
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });

  it("lets the next process in after a clean close, with the data kept", async () => {
    const dataDir = tempDataDir();
    const owner = await holdInChild(dataDir);
    owner.stdin?.end();
    await exited(owner);
    expect(owner.exitCode).toBe(0);
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    const handle = await createDb({ DATA_DIR: dataDir });
    try {
      const document = await makeDocument(handle.db);
      expect(document.id).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it("takes over a lock file left by a dead pid", async () => {
    const dataDir = tempDataDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await exited(dead);
    writeFileSync(path.join(dataDir, "pglite.lock"), `${dead.pid}\n`);

    const handle = await createDb({ DATA_DIR: dataDir });
    try {
      expect(handle.kind).toBe("pglite");
      expect(handle.location).toBe(`PGlite at ${path.join(dataDir, "pglite")}`);
      expect(readFileSync(path.join(dataDir, "pglite.lock"), "utf8").trim()).toBe(String(process.pid));
      // The same process opening it twice is refused too: PGlite would corrupt it just the same.
      await expect(createDb({ DATA_DIR: dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await handle.close();
    }
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });
});

describe("createDb on PostgreSQL: failures are one clear line", () => {
  it("names host and port when nothing answers there", async () => {
    // A port that was just free: bind, note it, close.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    const attempt = createDb({
      DATABASE_URL: `postgres://root:secret@127.0.0.1:${port}/trackwatch`,
      DATA_DIR: "x",
    });
    await expect(attempt).rejects.toThrow(DbConnectError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}/trackwatch: connection refused (is the server running?)`,
    );
    expect(message).not.toContain("secret");
  });

  it("rejects a malformed URL without echoing it", async () => {
    const attempt = createDb({ DATABASE_URL: "postgres://root:se cret@[bad/host", DATA_DIR: "x" });
    await expect(attempt).rejects.toThrow(
      "DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database",
    );
  });

  it("says which database is missing on a reachable server", async () => {
    const url = new URL(process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test");
    url.pathname = "/tw_missing_database_for_test";
    const message = await createDb({ DATABASE_URL: url.toString(), DATA_DIR: "x" }).then(
      () => "opened",
      (error: Error) => error.message,
    );
    expect(message).toMatch(
      /^cannot connect to PostgreSQL at .+\/tw_missing_database_for_test: .*does not exist/,
    );
    expect(message.split("\n")).toHaveLength(1);
  });
});
