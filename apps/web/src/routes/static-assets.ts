import { readFileSync } from "node:fs";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const ASSETS: Record<string, string> = {
  "style.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
};

/** The stylesheet and the one script, read once at start and served with a short cache. */
export function staticRoutes() {
  const files = new Map<string, { body: string; type: string }>();
  for (const [name, type] of Object.entries(ASSETS)) {
    files.set(name, { body: readFileSync(new URL(`../static/${name}`, import.meta.url), "utf8"), type });
  }
  const app = new Hono<AppEnv>();
  app.get("/static/:name", (c) => {
    const file = files.get(c.req.param("name"));
    if (!file) return c.notFound();
    c.header("content-type", file.type);
    c.header("cache-control", "public, max-age=300");
    return c.body(file.body);
  });
  return app;
}
