import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import type { Hono } from "hono";

export const DASHBOARD_PATH = "/admin/queues";

/** bull-board over the queues the web process produces to; mounted behind the admin session. */
export function queueDashboard(queues: Queue[]): Hono {
  const serverAdapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/hono pins its own copy of @bull-board/api; the classes match at runtime.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"],
    options: { uiConfig: { boardTitle: "Trackwatch" } },
  });
  serverAdapter.setBasePath(DASHBOARD_PATH);
  return serverAdapter.registerPlugin() as unknown as Hono;
}
