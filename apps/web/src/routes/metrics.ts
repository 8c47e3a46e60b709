import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";

/**
 * /metrics in Prometheus text format. Under `trackwatch start` this process also runs the workers,
 * so their counters are here; in a fleet each process exposes its own (workers via METRICS_PORT).
 * Like /healthz it carries counts only, no content or addresses, so it sits outside the admin area.
 */
export function metricsRoutes(deps: WebDeps) {
  const app = new Hono<AppEnv>();
  const metrics = deps.metrics;
  if (!metrics) return app;
  app.get("/metrics", async (c) => {
    const { body, contentType } = await metrics.scrape();
    c.header("content-type", contentType);
    c.header("cache-control", "no-store");
    return c.body(body);
  });
  return app;
}
