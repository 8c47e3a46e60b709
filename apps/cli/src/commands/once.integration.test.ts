import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrate, schema } from "@trackwatch/db";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";

const BIN = fileURLToPath(new URL("../../bin/trackwatch.js", import.meta.url));
// PGlite's first start (initdb in WASM, on disk) takes many seconds on a loaded machine.
const SLOW = { timeout: 240_000 };

function trackwatch(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      env: { ...process.env, DATABASE_URL: "", REDIS_URL: "redis://127.0.0.1:1", ...env },
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

describe("trackwatch once", () => {
  let site: FixtureSite;
  let dir: string;
  let sourcesFile: string;

  beforeAll(async () => {
    site = await startFixtureSite();
    dir = mkdtempSync(path.join(tmpdir(), "tw-once-"));
    sourcesFile = path.join(dir, "sources.yaml");
    const { municipal, commission } = site.sources();
    writeFileSync(sourcesFile, stringify([municipal, commission]));
  });
  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "crawls, extracts and diffs on the embedded database without Redis; a second run reports zero changes",
    SLOW,
    async () => {
      const env = { DATA_DIR: path.join(dir, "data"), SMTP_URL: "" };
      // One confirmed subscriber who wants every change at once.
      const database = await createDb({ DATA_DIR: env.DATA_DIR });
      try {
        await migrate(database.db);
        await database.db.insert(schema.subscribers).values({
          email: "reader@example.org",
          frequency: "immediate",
          status: "active",
          confirmedAt: new Date(),
        });
      } finally {
        await database.close();
      }

      const first = await trackwatch(["once", "--sources", sourcesFile, "--json"], env);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const summary = JSON.parse(first.stdout);
      expect(summary.digests.sent).toBe(1);
      const outbox = readdirSync(path.join(env.DATA_DIR, "outbox")).filter((f) => f.endsWith(".eml"));
      expect(outbox).toHaveLength(1);
      expect(readFileSync(path.join(env.DATA_DIR, "outbox", outbox[0]!), "utf8")).toMatch(
        /reader@example\.org/,
      );
      expect(summary.newDocuments).toBeGreaterThanOrEqual(7);
      expect(summary.targets).toBeGreaterThan(0);
      expect(summary.changesByTrack.metaverse).toBeGreaterThan(0);
      expect(summary.changes.some((c: { kind: string }) => c.kind === "document-added")).toBe(true);

      const second = await trackwatch(["once", "--sources", sourcesFile], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/documents: \d+ seen, 0 new, 0 changed, 0 removed/);
      expect(second.stdout).toMatch(/^changes: 0$/m);
      expect(second.stdout).toMatch(/^digests: 0 sent/m);
      expect(readdirSync(path.join(env.DATA_DIR, "outbox")).filter((f) => f.endsWith(".eml"))).toHaveLength(
        1,
      );

      const sources = await trackwatch(["sources", "--sources", sourcesFile], env);
      expect(sources.code).toBe(0);
      expect(sources.stdout).toMatch(/fixture-municipal\s+\S+ \S+\s+succeeded\s+healthy\s+3\s/);
    },
  );

  it("names a sources file that does not exist", { timeout: 60_000 }, async () => {
    const run = await trackwatch(["once", "--sources", path.join(dir, "missing.yaml")], {
      DATA_DIR: path.join(dir, "d2"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing\.yaml: cannot read the sources file/);
  });
});
