import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = new URL("../../../", import.meta.url);
/** tsx by path: the processes run from a scratch directory, where `--import tsx` would not resolve. */
const TSX = fileURLToPath(new URL("node_modules/tsx/dist/loader.mjs", root));

export type WorkerRole = "crawler" | "notifier";

/**
 * Each app's own process, as in service mode (`trackwatch start crawler` does the same but loads
 * the web app and the other workers too, which doubles the start on a busy 2-core machine), and
 * the log line it writes once its workers take jobs.
 */
const APPS: Record<WorkerRole, { main: string; ready: RegExp }> = {
  crawler: { main: fileURLToPath(new URL("apps/crawler/src/main.ts", root)), ready: /crawler ready/ },
  notifier: { main: fileURLToPath(new URL("apps/notifier/src/main.ts", root)), ready: /notifier started/ },
};

/** One `trackwatch start ROLE` process slot: SIGKILLed and started again any number of times. */
export interface FleetWorker {
  readonly name: string;
  readonly role: WorkerRole;
  /** Resolves once the current process is running its workers. */
  ready(): Promise<void>;
  /** The current process has started its workers and was not killed since. */
  readonly running: boolean;
  /** SIGKILL (no shutdown hooks, no lock release) and wait for the exit. */
  kill(): Promise<void>;
  /** A new process in the same slot; resolves when it is running. */
  restart(): Promise<void>;
  readonly starts: number;
  /** stdout + stderr lines of every process in this slot, for failure messages. */
  readonly log: string[];
  stop(): Promise<void>;
}

export interface Fleet {
  readonly workers: FleetWorker[];
  stop(): Promise<void>;
}

/**
 * Service mode as infra/ describes it: one process per `roles` entry, all on the same `env`
 * (PostgreSQL, Redis, QUEUE_PREFIX, SMTP). Resolves when all of them are running.
 */
export async function startFleet(
  roles: WorkerRole[],
  env: Record<string, string>,
  options: { cwd: string; startTimeoutMs?: number },
): Promise<Fleet> {
  const counts = new Map<WorkerRole, number>();
  const workers = roles.map((role) => {
    const n = (counts.get(role) ?? 0) + 1;
    counts.set(role, n);
    return startWorker(`${role}-${n}`, role, env, options.cwd, options.startTimeoutMs ?? 90_000);
  });
  await Promise.all(workers.map((w) => w.ready()));
  return {
    workers,
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

function startWorker(
  name: string,
  role: WorkerRole,
  env: Record<string, string>,
  cwd: string,
  startTimeoutMs: number,
): FleetWorker {
  const log: string[] = [];
  let child: ChildProcess;
  let running: Promise<void>;
  let exited: Promise<void>;
  let starts = 0;
  let up = false;

  const launch = () => {
    starts += 1;
    up = false;
    const proc = spawn(process.execPath, ["--import", TSX, APPS[role].main], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    let stdout = "";
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) log.push(`${name}: ${line}`);
      // Only the tail matters for a failure message; keep memory flat over a long run.
      if (log.length > 2_000) log.splice(0, log.length - 1_000);
    };
    proc.stderr!.on("data", keep);
    running = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`${name} did not start within ${startTimeoutMs} ms:\n${log.slice(-20).join("\n")}`),
          ),
        startTimeoutMs,
      );
      proc.stdout!.on("data", (chunk: Buffer) => {
        keep(chunk);
        if (stdout.length < 100_000) stdout += chunk.toString();
        if (APPS[role].ready.test(stdout)) {
          clearTimeout(timer);
          up = true;
          resolve();
        }
      });
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        up = false;
        reject(
          new Error(`${name} exited (${code ?? signal}) before starting:\n${log.slice(-20).join("\n")}`),
        );
      });
    });
    // A process killed after it started settles `running` as resolved; only a failed start rejects.
    running.catch(() => {});
  };

  const kill = async () => {
    up = false;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };

  launch();
  return {
    name,
    role,
    ready: () => running,
    get running() {
      return up;
    },
    kill,
    async restart() {
      await kill();
      launch();
      await running;
    },
    get starts() {
      return starts;
    },
    log,
    async stop() {
      await kill();
    },
  };
}
