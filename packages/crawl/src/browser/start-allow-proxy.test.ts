import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../testing/start-test-server.ts";
import { startTestServer } from "../testing/start-test-server.ts";
import type { AllowProxy } from "./start-allow-proxy.ts";
import { startAllowProxy } from "./start-allow-proxy.ts";

let server: TestServer;
let proxy: AllowProxy;

beforeAll(async () => {
  server = await startTestServer({ "/hello": (_req, res) => res.writeHead(200).end("hello") });
  proxy = await startAllowProxy([`127.0.0.1:${server.port}`]);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

function viaProxy(target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(proxy.server);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: target, headers: { host: new URL(target).host } },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function tunnel(target: string): Promise<string> {
  const { hostname, port } = new URL(proxy.server);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    });
    let received = "";
    let sent = false;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString();
      if (!sent && received.startsWith("HTTP/1.1 200") && received.includes("\r\n\r\n")) {
        sent = true;
        // Tunnel open: speak plain HTTP to the target through it.
        socket.write(`GET /hello HTTP/1.1\r\nHost: ${target}\r\nConnection: close\r\n\r\n`);
      }
    });
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
}

describe("allow proxy", () => {
  it("forwards requests to allowed hosts", async () => {
    expect(await viaProxy(`${server.origin}/hello`)).toEqual({ status: 200, body: "hello" });
  });

  it("refuses other hosts and ports without contacting them", async () => {
    const before = server.hits.get("/hello") ?? 0;
    const refused = await viaProxy(`http://localhost:${server.port}/hello`);
    expect(refused.status).toBe(403);
    expect((await viaProxy("http://127.0.0.1:5432/")).status).toBe(403);
    expect(server.hits.get("/hello") ?? 0).toBe(before);
    expect(proxy.blocked).toContain(`http://localhost:${server.port}/hello`);
  });

  it("with a portless allow entry, keeps to the page's own port and the default ones", async () => {
    const portless = await startAllowProxy(["127.0.0.1"], { homePort: String(server.port) });
    try {
      const { hostname, port } = new URL(portless.server);
      const status = (target: string) =>
        new Promise<number>((resolve, reject) => {
          request({ host: hostname, port, path: target }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
            .on("error", reject)
            .end();
        });
      expect(await status(`${server.origin}/hello`)).toBe(200);
      expect(await status("http://127.0.0.1:5432/")).toBe(403);
    } finally {
      await portless.close();
    }
  });

  it("tunnels CONNECT only to allowed host:port", async () => {
    const through = await tunnel(`127.0.0.1:${server.port}`);
    expect(through).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(through).toContain("hello");
    expect(await tunnel("127.0.0.1:5432")).toMatch(/^HTTP\/1\.1 403/);
    expect(await tunnel("169.254.169.254:443")).toMatch(/^HTTP\/1\.1 403/);
  });
});
