import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrackwatch, type TrackwatchProcess } from "./trackwatch-process.ts";

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("trackwatch start refuses to run half-configured", () => {
  let dir: string;
  const running: TrackwatchProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tw-start-errors-"));
  });
  afterAll(() => {
    for (const tw of running) tw.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(env: Record<string, string>) {
    const tw = startTrackwatch(
      ["start"],
      { DATA_DIR: path.join(dir, "data"), PORT: "0", LOG_LEVEL: "silent", ...env },
      dir,
    );
    running.push(tw);
    const exit = await Promise.race([
      tw.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("still running after 30 s")), 30_000),
      ),
    ]);
    return { ...exit, stdout: tw.stdout, stderr: tw.stderr };
  }

  it("without Redis: one line saying how to start one, exit code 1", async () => {
    const port = await closedPort();
    const result = await run({ REDIS_URL: `redis://127.0.0.1:${port}`, DATABASE_URL: "" });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(lines[0]).toMatch(/redis-server|REDIS_URL/);
  }, 40_000);

  it("with a malformed DATABASE_URL: one line naming the variable, exit code 1", async () => {
    const result = await run({ DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL");
  }, 40_000);
});
