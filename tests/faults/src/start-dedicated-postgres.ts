import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

/**
 * A real PostgreSQL cluster owned by one scenario (initdb into a temp dir, its own port), so the
 * scenario can stop and start it without touching the machine's shared server on 5432. PostgreSQL
 * refuses to run as root, so the cluster belongs to the `postgres` OS user.
 */
export interface DedicatedPostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth) */
  readonly url: string;
  /** pg_ctl stop: "fast" rolls back open transactions, "immediate" is a crash (recovery at start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster if running and removes its directory; for afterAll. */
  close(): Promise<void>;
}

function binDir(): string {
  const versions = readdirSync("/usr/lib/postgresql")
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error("no PostgreSQL under /usr/lib/postgresql");
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

function asPostgres(command: string, args: string[]) {
  const runAs =
    process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return run(runAs[0] as string, runAs[1] as string[], { timeout: 60_000 });
}

export async function startDedicatedPostgres(): Promise<DedicatedPostgres> {
  const bin = binDir();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tw-faults-pg-"));
  const data = join(dir, "data");
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await asPostgres(`${bin}/initdb`, ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  let running = false;

  async function start(): Promise<void> {
    if (running) return;
    await asPostgres(`${bin}/pg_ctl`, [
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      "-w",
      "-t",
      "60",
      "start",
    ]);
    running = true;
  }

  async function stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    if (!running) return;
    await asPostgres(`${bin}/pg_ctl`, ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]);
    running = false;
  }

  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async close() {
      try {
        await stop("immediate");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
