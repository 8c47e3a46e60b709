import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TrackwatchMetrics } from "./create-metrics.ts";

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A bare /metrics endpoint for processes without the web app (`trackwatch start crawler` with
 * METRICS_PORT); the web app serves the same registry on its own /metrics route.
 */
export function serveMetrics(
  metrics: TrackwatchMetrics,
  { port, host }: { port: number; host: string },
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    metrics.scrape().then(
      ({ body, contentType }) => res.writeHead(200, { "content-type": contentType }).end(body),
      (error: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`${error.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { address, port: bound, family } = server.address() as AddressInfo;
      const shown = family === "IPv6" ? `[${address}]` : address;
      resolve({
        url: `http://${shown}:${bound}/metrics`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
