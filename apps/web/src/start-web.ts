import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createWebApp } from "./app.tsx";
import type { WebDeps } from "./deps.ts";

const CLOSE_GRACE_MS = 5_000;

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
              const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
              server.close(() => done());
              // Idle keep-alive connections would hold close() open until they time out; requests in
              // flight get a few seconds to finish before their connections are cut.
              http.closeIdleConnections?.();
              setTimeout(() => http.closeAllConnections?.(), CLOSE_GRACE_MS).unref();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
