import { randomBytes } from "node:crypto";
import { loadConfig } from "@trackwatch/config";
import type { Db } from "@trackwatch/db";
import { connectRedis, createCrawlQueue, createEmailQueue } from "@trackwatch/queue";
import { createWebApp, startWeb, type WebDeps } from "@trackwatch/web";

export const FAULTS_ADMIN_TOKEN = "faults-admin-token-0123456789";

export interface ServedWebApp {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Every route the app registers (method and path, middleware included), as Hono lists them. */
  routes: { method: string; path: string }[];
  queues: WebDeps["queues"] & { crawl: NonNullable<WebDeps["queues"]["crawl"]> };
  /** Requests the app answered with a logged error (a 5xx it reported). */
  loggedErrors: unknown[];
  close(): Promise<void>;
}

/** The real web app over HTTP on a free loopback port, on the given database and a throwaway queue prefix. */
export async function serveWebApp(
  db: Db,
  options: { sources?: WebDeps["sources"] } = {},
): Promise<ServedWebApp> {
  const prefix = `{tw-faults-web-${randomBytes(5).toString("hex")}}`;
  const config = loadConfig({
    ADMIN_TOKEN: FAULTS_ADMIN_TOKEN,
    PUBLIC_URL: "http://127.0.0.1:3000",
    QUEUE_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    HOST: "127.0.0.1",
    PORT: "0",
  });
  const redis = await connectRedis(config.REDIS_URL, { role: "producer" });
  const queues = { crawl: createCrawlQueue(redis, prefix), email: createEmailQueue(redis, prefix) };
  const loggedErrors: unknown[] = [];
  const deps: WebDeps = {
    db,
    config,
    queues,
    redis,
    log: { info: () => {}, warn: () => {}, error: (obj) => loggedErrors.push(obj) },
    sources: options.sources ?? [{ id: "faults-source", name: "Faults source" }],
  };
  const routes = createWebApp(deps).routes.map((r) => ({ method: r.method, path: r.path }));
  const web = await startWeb(deps);
  return {
    url: web.url,
    port: Number(new URL(web.url).port),
    routes,
    queues,
    loggedErrors,
    async close() {
      await web.close();
      for (const queue of Object.values(queues)) {
        await queue.obliterate({ force: true }).catch(() => {});
        await queue.close();
      }
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
