import { randomBytes } from "node:crypto";
import { loadConfig } from "@trackwatch/config";
import type { Db } from "@trackwatch/db";
import { createTestDb, type EngineKind } from "@trackwatch/db/testing";
import {
  type CrawlQueue,
  connectRedis,
  createCrawlQueue,
  createEmailQueue,
  type EmailQueue,
} from "@trackwatch/queue";
import type { Redis } from "ioredis";
import { createWebApp } from "../src/app.tsx";
import type { WebLog } from "../src/deps.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
export const ORIGIN = "http://localhost:3000";

// Errors are printed: a test that sees a 500 should say why.
const silent: WebLog = { info: () => {}, warn: () => {}, error: (obj, msg) => console.error(msg, obj) };

/** A fresh migrated database of its own on the test PostgreSQL, dropped at close. */
export async function openTestDb(
  engine: EngineKind = "postgres",
): Promise<{ db: Db; close: () => Promise<void> }> {
  const database = await createTestDb(engine);
  return { db: database.db, close: () => database.close() };
}

export interface TestApp {
  app: ReturnType<typeof createWebApp>;
  redis: Redis;
  queues: { crawl: CrawlQueue; email: EmailQueue };
  prefix: string;
  close(): Promise<void>;
}

/** The web app over a real database and Redis, with a random queue prefix obliterated at close. */
export async function createTestApp(
  db: Db,
  options: { sources?: { id: string; name: string }[]; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const prefix = `tw-web-test-${randomBytes(6).toString("hex")}`;
  const config = loadConfig({
    ADMIN_TOKEN,
    PUBLIC_URL: ORIGIN,
    QUEUE_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    ...options.env,
  });
  const redis = await connectRedis(config.REDIS_URL, { role: "producer" });
  const queues = { crawl: createCrawlQueue(redis, prefix), email: createEmailQueue(redis, prefix) };
  const app = createWebApp({
    db,
    config,
    queues,
    redis,
    log: silent,
    sources: options.sources ?? [{ id: "test-source", name: "Test source" }],
  });
  return {
    app,
    redis,
    queues,
    prefix,
    async close() {
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

/**
 * A browser-like client for app.request: keeps cookies, sends Origin on unsafe methods and a
 * fixed peer address (rate limits are per connection address).
 */
export function createClient(app: TestApp["app"], ip = `10.${rand()}.${rand()}.${rand()}`) {
  const cookies = new Map<string, string>();
  const request = async (path: string, init: RequestInit & { origin?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && init.origin !== null && !headers.has("origin"))
      headers.set("origin", init.origin ?? ORIGIN);
    const response = await app.request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }, {
      incoming: { socket: { remoteAddress: ip } },
    } as never);
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  return {
    ip,
    cookies,
    request,
    /** GETs a page and returns the `_csrf` value of its first form. */
    async csrfFrom(path: string): Promise<string> {
      const html = await (await request(path)).text();
      const match = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!match) throw new Error(`no csrf field on ${path}`);
      return match[1]!;
    },
    postForm(
      path: string,
      fields: Record<string, string | string[]>,
      init: RequestInit & { origin?: string | null } = {},
    ) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
      return request(path, {
        ...init,
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded", ...(init.headers ?? {}) },
      });
    },
  };
}

function rand(): number {
  return Math.floor(Math.random() * 250) + 1;
}
