import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The service-mode entry points, run as an operator runs them (one process per app). */
const MAINS = {
  crawler: "apps/crawler/src/main.ts",
  notifier: "apps/notifier/src/main.ts",
} as const;

/** What each app logs once its workers take jobs. */
const READY = { crawler: /crawler ready/, notifier: /notifier started/ } as const;

export type AppName = keyof typeof MAINS;

export interface AppProcess {
  readonly app: AppName;
  readonly child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Pino JSON lines of stdout at `level` or above (40 warn, 50 error). */
  logLines(minLevel?: number): Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly running: boolean;
  /** SIGKILL if still running; for afterAll. */
  kill(): void;
}

/**
 * Starts apps/<app>/src/main.ts with `node --import tsx` and `env` over this environment; resolves
 * once the app says it is ready, rejects if it exits or stays silent for `timeoutMs`.
 */
export async function startAppProcess(
  app: AppName,
  env: Record<string, string>,
  { timeoutMs = 60_000 }: { timeoutMs?: number } = {},
): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAINS[app]], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", TZ: "Asia/Shanghai", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`${app} not ready within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (READY[app].test(stdout)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      } else if (!running()) {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`${app} exited (${child.exitCode ?? child.signalCode}) before ready:\n${stderr}`));
      }
    }, 100);
  });
  return {
    app,
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    logLines(minLevel = 0) {
      const lines: Record<string, unknown>[] = [];
      for (const line of stdout.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (Number(parsed.level ?? 0) >= minLevel) lines.push(parsed);
        } catch {
          // a line cut by the pipe; not ours to judge
        }
      }
      return lines;
    },
    exited,
    get running() {
      return running();
    },
    kill() {
      if (running()) child.kill("SIGKILL");
    },
  };
}
