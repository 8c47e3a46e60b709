import type { IncomingMessage, ServerResponse } from "node:http";
import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";
import { createGuardedLookup } from "../fetch/guarded-lookup.ts";
import { mayRequestUrl } from "./may-request-url.ts";

export interface AllowProxy {
  /** For Playwright's per-context `proxy.server`. */
  server: string;
  /** URLs (or host:port for HTTPS tunnels) refused because they left the allowed hosts. */
  blocked: string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  "proxy-connection",
  "proxy-authorization",
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "upgrade",
]);

/**
 * A forward proxy on loopback, one per browser context, that lets through only requests to the source's
 * allowed hosts. Playwright's route() never sees redirect hops (Chromium follows them itself), but every
 * hop passes through the proxy, so a redirect to 127.0.0.1:5432 or a metadata address is refused here.
 * Connections out use the same guarded DNS lookup as the fetcher.
 */
export async function startAllowProxy(
  allow: readonly string[],
  options: { privateHosts?: readonly string[]; homePort?: string } = {},
): Promise<AllowProxy> {
  const blocked: string[] = [];
  const lookup = createGuardedLookup(options.privateHosts ?? []);
  const agent = new Agent({ keepAlive: true, maxSockets: 6 });

  const refuse = (res: ServerResponse, target: string) => {
    blocked.push(target);
    res
      .writeHead(403, { "content-type": "text/plain" })
      .end(`Trackwatch: ${target} is outside the source's allowed hosts`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? "";
    if (!/^https?:\/\//i.test(target) || !mayRequestUrl(target, allow, options.homePort)) {
      refuse(res, target);
      return;
    }
    const url = new URL(target);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    const upstream = httpRequest(
      {
        host: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers,
        agent,
        lookup,
      },
      (upstreamRes) => {
        const responseHeaders: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(upstreamRes.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) responseHeaders[name] = value;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(error.message);
      else res.destroy();
    });
    req.pipe(upstream);
  });

  // HTTPS: the proxy sees only host:port, which is what the allow check needs.
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? "";
    const [host = "", port = "443"] = target.startsWith("[")
      ? [target.slice(1, target.indexOf("]")), target.slice(target.indexOf("]") + 2)]
      : target.split(":");
    if (!mayRequestUrl(`https://${target}/`, allow, options.homePort)) {
      blocked.push(target);
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = connect({ host, port: Number(port), lookup }, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.on("error", () => upstream.destroy());
  });
  server.on("upgrade", (_req, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server: `http://127.0.0.1:${port}`,
    blocked,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
