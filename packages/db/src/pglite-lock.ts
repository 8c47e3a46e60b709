import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Raised when another live process owns a PGlite data directory. */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * PGlite corrupts its data directory silently when two processes open it, so the owner writes
 * `pglite.lock` with its pid. The file is written aside and hard-linked into place: link() fails
 * when the lock exists (an exclusive create) and the lock is never seen half-written.
 * A lock whose pid is dead is taken over; returns the release function.
 */
export function acquirePgliteLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "pglite.lock");
  const ownFile = `${lockFile}.${process.pid}`;
  writeFileSync(ownFile, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(ownFile, lockFile);
        return releaseOnce(lockFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = readPid(lockFile);
      if (owner === process.pid) {
        throw new DataDirLockedError(`PGlite data directory ${dataDir} is already open in this process`);
      }
      if (owner !== undefined && isAlive(owner)) {
        throw new DataDirLockedError(
          `PGlite data directory ${dataDir} is in use by process ${owner} (lock ${lockFile}); stop it or set DATA_DIR/DATABASE_URL`,
        );
      }
      // Stale (dead pid or unreadable): move it aside atomically, so two processes taking over
      // the same stale lock cannot both delete each other's fresh one.
      const aside = `${lockFile}.stale.${process.pid}`;
      try {
        renameSync(lockFile, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      const moved = readPid(aside);
      if (moved !== undefined && moved !== owner && isAlive(moved)) {
        // We moved a lock another process had just taken: give it back and report that owner.
        try {
          linkSync(aside, lockFile);
        } finally {
          tryUnlink(aside);
        }
        throw new DataDirLockedError(
          `PGlite data directory ${dataDir} is in use by process ${moved} (lock ${lockFile}); stop it or set DATA_DIR/DATABASE_URL`,
        );
      }
      tryUnlink(aside);
    }
    throw new DataDirLockedError(
      `could not take the PGlite lock ${lockFile}; another process keeps racing for it`,
    );
  } finally {
    tryUnlink(ownFile);
  }
}

function releaseOnce(lockFile: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only remove the lock if it is still ours.
    if (readPid(lockFile) === process.pid) tryUnlink(lockFile);
  };
  // A process that exits without close() still frees the directory for the next one.
  process.on("exit", release);
  return release;
}
