import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquirePgliteLock, DataDirLockedError } from "./pglite-lock.ts";

let dir: string;
let lockFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "tw-lock-"));
  lockFile = path.join(dir, "pglite.lock");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

describe("acquirePgliteLock", () => {
  it("writes this process's pid and removes the lock on release", () => {
    const release = acquirePgliteLock(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(lockFile)).toBe(false);
    // Nothing but the lock is left behind in the data directory.
    expect(existsSync(`${lockFile}.${process.pid}`)).toBe(false);
  });

  it("refuses while a live process owns the lock, naming its pid and the directory", () => {
    const owner = process.ppid;
    writeFileSync(lockFile, `${owner}\n`);
    expect(() => acquirePgliteLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquirePgliteLock(dir)).toThrow(
      `PGlite data directory ${dir} is in use by process ${owner}`,
    );
    expect(readFileSync(lockFile, "utf8")).toBe(`${owner}\n`);
  });

  it("refuses a second open in the same process", () => {
    const release = acquirePgliteLock(dir);
    expect(() => acquirePgliteLock(dir)).toThrow(/already open in this process/);
    release();
  });

  it("takes over a lock whose pid is dead", () => {
    writeFileSync(lockFile, `${deadPid()}\n`);
    const release = acquirePgliteLock(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    release();
  });

  it("takes over an empty or garbled lock file", () => {
    writeFileSync(lockFile, "");
    acquirePgliteLock(dir)();
    writeFileSync(lockFile, "not a pid");
    const release = acquirePgliteLock(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    release();
  });

  it("does not remove a lock another process took after ours was lost", () => {
    const release = acquirePgliteLock(dir);
    const other = process.ppid;
    writeFileSync(lockFile, `${other}\n`);
    release();
    expect(readFileSync(lockFile, "utf8")).toBe(`${other}\n`);
  });
});
