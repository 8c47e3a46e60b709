import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The installed `trackwatch` command, as an operator runs it. */
const TRACKWATCH_BIN = fileURLToPath(new URL("../../../node_modules/.bin/trackwatch", import.meta.url));

/** What `trackwatch start` prints once its workers take jobs. */
const READY = "Trackwatch is running.";

export type WorkerRole = "crawler" | "notifier";

/** One `trackwatch start ROLE` process slot: SIGKILLed and started again any number of times. */
export interface FleetWorker {
  readonly name: string;
  readonly role: WorkerRole;
  /** Resolves once the current process is running its workers. */
  ready(): Promise<void>;
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

  const launch = () => {
    starts += 1;
    const proc = spawn(process.execPath, [TRACKWATCH_BIN, "start", role], {
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
        if (stdout.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`${name} exited (${code ?? signal}) before starting:\n${log.slice(-20).join("\n")}`),
        );
      });
    });
    // A process killed after it started settles `running` as resolved; only a failed start rejects.
    running.catch(() => {});
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };

  launch();
  return {
    name,
    role,
    ready: () => running,
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
