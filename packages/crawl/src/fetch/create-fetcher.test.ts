import { createHash } from "node:crypto";
import { createServer } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../testing/start-test-server.ts";
import { startTestServer } from "../testing/start-test-server.ts";
import { createFetcher } from "./create-fetcher.ts";
import type { FetchFailure, FetchSuccess } from "./fetch-result.ts";

const HTML = `<html><head><meta charset="utf-8"></head><body><p>${"到2025年，元宇宙相关产业规模达到3500亿元。".repeat(50)}</p></body></html>`;
const ETAG = '"v1"';
const LAST_MODIFIED = "Wed, 01 Jul 2026 08:00:00 GMT";

let server: TestServer;
let allow: string[];
const fetcher = createFetcher({
  contactUrl: "https://ops.example.org/trackwatch",
  retryBaseMs: 10,
  retryMaxMs: 50,
  totalTimeoutMs: 1_500,
  headersTimeoutMs: 1_000,
});

function expectOk(result: Awaited<ReturnType<typeof fetcher.fetchPage>>): FetchSuccess {
  if (!result.ok) throw new Error(`expected success, got ${result.kind}: ${result.message}`);
  return result;
}
function expectFailure(result: Awaited<ReturnType<typeof fetcher.fetchPage>>): FetchFailure {
  if (result.ok) throw new Error(`expected failure, got HTTP ${result.status}`);
  return result;
}

beforeAll(async () => {
  let flaky = 0;
  server = await startTestServer({
    "/page.html": (req, res) => {
      const headers = {
        "content-type": "text/html; charset=utf-8",
        etag: ETAG,
        "last-modified": LAST_MODIFIED,
      };
      if (req.headers["if-none-match"] === ETAG || req.headers["if-modified-since"] === LAST_MODIFIED) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, headers).end(HTML);
    },
    "/gzip": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" })
        .end(zlib.gzipSync(HTML));
    },
    "/br": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-encoding": "br" })
        .end(zlib.brotliCompressSync(HTML));
    },
    "/deflate": (_req, res) => {
      res.writeHead(200, { "content-encoding": "deflate" }).end(zlib.deflateSync(HTML));
    },
    "/deflate-raw": (_req, res) => {
      res.writeHead(200, { "content-encoding": "deflate" }).end(zlib.deflateRawSync(HTML));
    },
    "/text": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/plain; charset=gbk" })
        .end(Buffer.from([0xd4, 0xaa, 0xd3, 0xee]));
    },
    "/pdf": (_req, res) => {
      res
        .writeHead(200, { "content-type": "application/pdf" })
        .end(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]));
    },
    "/r1": (_req, res) => res.writeHead(301, { location: "/r2" }).end(),
    "/r2": (_req, res) => res.writeHead(302, { location: `${server.origin}/page.html#frag` }).end(),
    "/loop-a": (_req, res) => res.writeHead(302, { location: "/loop-b" }).end(),
    "/loop-b": (_req, res) => res.writeHead(302, { location: "/loop-a" }).end(),
    "/chain": (req, res) => {
      const n = Number(new URL(req.url ?? "", "http://x").searchParams.get("n"));
      res.writeHead(302, { location: n > 0 ? `/chain?n=${n - 1}` : "/page.html" }).end();
    },
    "/to-postgres": (_req, res) => res.writeHead(302, { location: "http://127.0.0.1:5432/" }).end(),
    "/to-metadata": (_req, res) =>
      res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" }).end(),
    "/to-file": (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/huge": (_req, res) => {
      // 30 MB streamed without Content-Length.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 30 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    },
    "/huge-declared": (_req, res) => {
      res.writeHead(200, { "content-length": String(30 * 1024 * 1024) });
      res.write("partial");
    },
    "/gzip-bomb": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(gzipBomb);
    },
    "/slowloris": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("a"), 100);
      res.on("close", () => clearInterval(timer));
    },
    "/silent": () => {},
    "/missing": (_req, res) => res.writeHead(404).end("gone"),
    "/error": (_req, res) => res.writeHead(500).end("boom"),
    "/flaky": (_req, res) => {
      flaky++;
      if (flaky === 1) res.writeHead(502).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("recovered");
    },
    "/busy": (_req, res) => res.writeHead(503, { "retry-after": "1" }).end(),
    "/busy-long": (_req, res) => res.writeHead(503, { "retry-after": "3600" }).end(),
    "/throttled": (_req, res) => res.writeHead(429, { "retry-after": "7" }).end(),
  });
  allow = [`127.0.0.1:${server.port}`];
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

const gzipBomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

describe("fetchPage", () => {
  it("fetches a page with validators, hash and a User-Agent naming Trackwatch and the operator", async () => {
    const result = expectOk(await fetcher.fetchPage(`${server.origin}/page.html`, { allow }));
    expect(result.status).toBe(200);
    expect(Buffer.from(result.bytes).toString("utf8")).toBe(HTML);
    expect(result.bodySha256).toBe(createHash("sha256").update(HTML).digest("hex"));
    expect(result).toMatchObject({
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      notModified: false,
      redirects: [],
    });
    expect(result.contentType).toBe("text/html; charset=utf-8");
    const ua = server.requests.at(-1)?.headers["user-agent"];
    expect(ua).toMatch(/^Trackwatch\/[\d.]+ \(\+https:\/\/ops\.example\.org\/trackwatch\)$/);
  });

  it("sends If-None-Match / If-Modified-Since and reports a 304 as not modified, without a body", async () => {
    const byEtag = expectOk(await fetcher.fetchPage(`${server.origin}/page.html`, { allow, etag: ETAG }));
    expect(byEtag).toMatchObject({ status: 304, notModified: true, bodySha256: null, transferredBytes: 0 });
    expect(byEtag.bytes.byteLength).toBe(0);
    const byDate = expectOk(
      await fetcher.fetchPage(`${server.origin}/page.html`, { allow, lastModified: LAST_MODIFIED }),
    );
    expect(byDate.notModified).toBe(true);
    expect(server.requests.at(-1)?.headers["if-modified-since"]).toBe(LAST_MODIFIED);
  });

  it.each(["/gzip", "/br", "/deflate", "/deflate-raw"])("decodes %s bodies", async (path) => {
    const result = expectOk(await fetcher.fetchPage(`${server.origin}${path}`, { allow }));
    expect(Buffer.from(result.bytes).toString("utf8")).toBe(HTML);
    expect(result.transferredBytes).toBeLessThan(Buffer.byteLength(HTML));
  });

  it("returns text/plain and binary bodies byte for byte", async () => {
    const text = expectOk(await fetcher.fetchPage(`${server.origin}/text`, { allow }));
    expect([...text.bytes]).toEqual([0xd4, 0xaa, 0xd3, 0xee]);
    const pdf = expectOk(await fetcher.fetchPage(`${server.origin}/pdf`, { allow }));
    expect(pdf.contentType).toBe("application/pdf");
    expect([...pdf.bytes]).toEqual([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
  });

  it("follows redirects, records each hop and returns the final URL", async () => {
    const result = expectOk(await fetcher.fetchPage(`${server.origin}/r1`, { allow }));
    expect(result.url).toBe(`${server.origin}/page.html`);
    expect(result.redirects.map((hop) => [hop.status, new URL(hop.to).pathname])).toEqual([
      [301, "/r2"],
      [302, "/page.html"],
    ]);
  });

  it("allows 5 redirects and stops at the 6th", async () => {
    expectOk(await fetcher.fetchPage(`${server.origin}/chain?n=3`, { allow }));
    const tooMany = expectFailure(await fetcher.fetchPage(`${server.origin}/chain?n=5`, { allow }));
    expect(tooMany).toMatchObject({ kind: "redirect-loop", retryable: false });
    expect(tooMany.redirects).toHaveLength(6);
  });

  it("detects a redirect loop", async () => {
    const result = expectFailure(await fetcher.fetchPage(`${server.origin}/loop-a`, { allow }));
    expect(result).toMatchObject({ kind: "redirect-loop", retryable: false });
  });

  it("refuses redirect hops outside the allowed hosts (a redirect to 127.0.0.1:5432, metadata, file:)", async () => {
    for (const path of ["/to-postgres", "/to-metadata", "/to-file"]) {
      const result = expectFailure(await fetcher.fetchPage(`${server.origin}${path}`, { allow }));
      expect(result).toMatchObject({ kind: "redirect-outside-allow", retryable: false });
    }
    expect(server.hits.get("/to-postgres")).toBe(1);
  });

  it("with a portless allow entry, refuses a redirect or a link to another port of the host", async () => {
    const portless = ["127.0.0.1"];
    expectOk(await fetcher.fetchPage(`${server.origin}/page.html`, { allow: portless }));
    const redirected = expectFailure(
      await fetcher.fetchPage(`${server.origin}/to-postgres`, { allow: portless }),
    );
    expect(redirected).toMatchObject({ kind: "redirect-outside-allow", url: "http://127.0.0.1:5432/" });
    const planted = expectFailure(
      await fetcher.fetchPage("http://127.0.0.1:5432/", {
        allow: portless,
        home: `${server.origin}/list.html`,
      }),
    );
    expect(planted.kind).toBe("outside-allow");
  });

  it("refuses a start URL outside the allowed hosts without connecting", async () => {
    const result = expectFailure(
      await fetcher.fetchPage(`${server.origin}/page.html`, { allow: ["example.org"] }),
    );
    expect(result.kind).toBe("outside-allow");
  });

  it("refuses a hostname that resolves to loopback unless it is an operator-listed private host", async () => {
    const url = `http://localhost:${server.port}/page.html`;
    const blocked = expectFailure(await fetcher.fetchPage(url, { allow: ["localhost"] }));
    expect(blocked).toMatchObject({ kind: "blocked-address", retryable: false });
    expect(blocked.message).toMatch(/127\.0\.0\.1|::1/);

    const intranet = createFetcher({ privateHosts: ["localhost"] });
    try {
      expect(expectOk(await intranet.fetchPage(url, { allow: ["localhost"] })).status).toBe(200);
    } finally {
      await intranet.close();
    }
  });

  it("aborts a 30 MB page at the 10 MB cap", async () => {
    const result = expectFailure(await fetcher.fetchPage(`${server.origin}/huge`, { allow }));
    expect(result).toMatchObject({ kind: "too-large", retryable: false });
    const declared = expectFailure(await fetcher.fetchPage(`${server.origin}/huge-declared`, { allow }));
    expect(declared.kind).toBe("too-large");
  });

  it("takes a per-call cap", async () => {
    const small = expectFailure(
      await fetcher.fetchPage(`${server.origin}/page.html`, { allow, maxBytes: 1_000 }),
    );
    expect(small.kind).toBe("too-large");
    const gzipped = expectFailure(
      await fetcher.fetchPage(`${server.origin}/gzip`, { allow, maxBytes: 1_000 }),
    );
    expect(gzipped.message).toMatch(/decoded/);
  });

  it("stops a gzip bomb at the decoded cap", async () => {
    expect(gzipBomb.byteLength).toBeLessThan(1024 * 1024);
    const result = expectFailure(await fetcher.fetchPage(`${server.origin}/gzip-bomb`, { allow }));
    expect(result.kind).toBe("too-large");
    expect(result.message).toMatch(/decoded/);
  });

  it("stops a slowloris body at the overall deadline, and a silent server at the headers timeout", async () => {
    const quick = createFetcher({ totalTimeoutMs: 800, retries: 0 });
    try {
      const slow = expectFailure(await quick.fetchPage(`${server.origin}/slowloris`, { allow }));
      expect(slow).toMatchObject({ kind: "timeout", retryable: true });
      expect(slow.timings.totalMs).toBeLessThan(3_000);
    } finally {
      await quick.close();
    }
    const silent = expectFailure(await fetcher.fetchPage(`${server.origin}/silent`, { allow, retries: 0 }));
    expect(silent).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("records a 404 without retrying", async () => {
    const result = expectFailure(await fetcher.fetchPage(`${server.origin}/missing`, { allow }));
    expect(result).toMatchObject({ kind: "http-4xx", status: 404, retryable: false });
    expect(result.timings.attempts).toBe(1);
    expect(server.hits.get("/missing")).toBe(1);
  });

  it("retries a 5xx with back-off and gives up after the configured retries", async () => {
    const result = expectFailure(await fetcher.fetchPage(`${server.origin}/error`, { allow }));
    expect(result).toMatchObject({ kind: "http-5xx", status: 500, retryable: true });
    expect(server.hits.get("/error")).toBe(3);
    const recovered = expectOk(await fetcher.fetchPage(`${server.origin}/flaky`, { allow }));
    expect(recovered.timings.attempts).toBe(2);
  });

  it("honours a short Retry-After on 503 and hands long ones and 429s back to the caller", async () => {
    const started = Date.now();
    const busy = expectFailure(await fetcher.fetchPage(`${server.origin}/busy`, { allow, retries: 1 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(busy).toMatchObject({ status: 503, retryAfterMs: 1_000 });

    const long = expectFailure(await fetcher.fetchPage(`${server.origin}/busy-long`, { allow }));
    expect(long).toMatchObject({ retryAfterMs: 3_600_000, retryable: true });
    expect(server.hits.get("/busy-long")).toBe(1);

    const throttled = expectFailure(await fetcher.fetchPage(`${server.origin}/throttled`, { allow }));
    expect(throttled).toMatchObject({ kind: "http-4xx", status: 429, retryable: true, retryAfterMs: 7_000 });
    expect(server.hits.get("/throttled")).toBe(1);
  });

  it("stops when the caller aborts (worker shutdown), without retrying", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = expectFailure(
      await fetcher.fetchPage(`${server.origin}/slowloris`, { allow, signal: controller.signal }),
    );
    expect(result.message).toBe("aborted by the caller");
    expect(result.timings.attempts).toBe(1);
    expect(result.timings.totalMs).toBeLessThan(1_000);
  });

  it("classifies a refused connection as a retryable network error", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const result = expectFailure(
      await fetcher.fetchPage(`http://127.0.0.1:${port}/`, { allow: [`127.0.0.1:${port}`], retries: 1 }),
    );
    expect(result).toMatchObject({ kind: "network", retryable: true });
    expect(result.timings.attempts).toBe(2);
  });
});
