import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} timed out`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

/** /healthz: the process answers. /readyz: the database and Redis answer too. */
export function healthRoutes(deps: WebDeps, pingDatabase: () => Promise<void>) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const checks: Record<string, string> = {};
    try {
      await withTimeout(pingDatabase(), "database");
      checks.database = "ok";
    } catch (error) {
      checks.database = error instanceof Error ? error.message.split("\n")[0]! : "unreachable";
    }
    try {
      // Without a dedicated connection, a cheap queue read proves Redis answers.
      await withTimeout<unknown>(deps.redis ? deps.redis.ping() : deps.queues.crawl.count(), "redis");
      checks.redis = "ok";
    } catch (error) {
      checks.redis = error instanceof Error ? error.message.split("\n")[0]! : "unreachable";
    }
    const ready = checks.database === "ok" && checks.redis === "ok";
    return c.json({ status: ready ? "ready" : "not ready", checks }, ready ? 200 : 503);
  });
  return app;
}
