import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createWebApp } from "./app.tsx";
import type { WebDeps } from "./deps.ts";

export interface RunningWeb {
  /** Where the server listens, e.g. http://127.0.0.1:3000 (the real port when PORT=0). */
  url: string;
  close(): Promise<void>;
}

/** Serves createWebApp on HOST:PORT; resolves once listening. `trackwatch start` calls this in-process. */
export function startWeb(deps: WebDeps): Promise<RunningWeb> {
  const app = createWebApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: deps.config.PORT, hostname: deps.config.HOST },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        const url = `http://${host}:${info.port}`;
        deps.log.info({ url }, "web app listening");
        resolve({
          url,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Keep-alive connections would hold close() open until they time out.
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
