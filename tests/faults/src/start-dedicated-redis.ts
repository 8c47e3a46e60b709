import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.ts";

/**
 * A real redis-server owned by one scenario, on its own port, without persistence: stopping it
 * loses every key, as a Redis restart without AOF/RDB does in production. The machine's shared
 * Redis (6379) is never touched.
 */
export interface DedicatedRedis {
  readonly port: number;
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly running: boolean;
  /** Stops the server (SIGTERM, no save): its data is gone. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it if running and removes its directory; for afterAll. */
  close(): Promise<void>;
}

export async function startDedicatedRedis(): Promise<DedicatedRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tw-faults-redis-"));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    if (child) return;
    const proc = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--dir",
        dir,
        // BullMQ requires keys never to be evicted.
        "--maxmemory-policy",
        "noeviction",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server on ${port} not ready: ${output}`)),
        15_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          proc.stdout!.off("data", onData);
          resolve();
        }
      };
      proc.stdout!.on("data", onData);
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server on ${port} exited (${code}): ${output}`));
      });
    });
    // Keep draining its output so a chatty server never blocks on a full pipe.
    proc.stdout!.resume();
    proc.stderr!.resume();
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    child = undefined;
    proc.kill("SIGTERM");
    const killer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined;
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
