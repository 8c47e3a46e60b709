import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../testing/start-test-server.ts";
import { startTestServer } from "../testing/start-test-server.ts";
import { createBrowserRenderer } from "./create-browser-renderer.ts";
import { RenderError } from "./render-error.ts";

// The list exists only after the script fetches and builds it; the static HTML has an empty <ul>.
const JS_LIST = (port: number) => `<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title>
<link rel="stylesheet" href="http://localhost:${port}/tracker.css">
<style>@font-face { font-family: x; src: url(/font.woff2); } body { font-family: x; }</style></head>
<body><img src="/banner.png"><ul class="list"></ul>
<script>
fetch("/api/list.json").then((r) => r.json()).then((items) => {
  const ul = document.querySelector("ul.list");
  for (const item of items) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = item.href;
    a.textContent = item.title;
    li.append(a);
    ul.append(li);
  }
  ul.setAttribute("data-ready", "1");
});
fetch("http://localhost:${port}/beacon").catch(() => {});
</script></body></html>`;

let server: TestServer;
let allow: string[];
const renderer = createBrowserRenderer({
  chromiumPath: process.env.CHROMIUM_PATH,
  navigationTimeoutMs: 5_000,
  recycleAfterPages: 3,
});

beforeAll(async () => {
  server = await startTestServer({
    "/list.html": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(JS_LIST(server.port)),
    "/api/list.json": (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify([
            { href: "/art/2022/0701/1.html", title: "上海市推进元宇宙产业发展行动方案" },
            { href: "/art/2022/0702/2.html", title: "关于支持绿色低碳产业发展的若干政策" },
          ]),
        );
      }, 150);
    },
    "/banner.png": (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(10)),
    "/font.woff2": (_req, res) => res.writeHead(200, { "content-type": "font/woff2" }).end(Buffer.alloc(10)),
    "/plain.html": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<p id=p>static</p>"),
    "/escape": (_req, res) =>
      res.writeHead(302, { location: `http://localhost:${server.port}/plain.html` }).end(),
    "/missing.html": (_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<p>gone</p>"),
    "/hang.html": () => {},
  });
  allow = [`127.0.0.1:${server.port}`];
});
afterAll(async () => {
  await renderer.close();
  await server.close();
});

describe("browser renderer (real Chromium)", () => {
  it("returns the list as built by JavaScript, without images, fonts or other hosts", async () => {
    const page = await renderer.render(`${server.origin}/list.html`, {
      allow,
      waitFor: "ul.list[data-ready] li a",
    });
    expect(page.status).toBe(200);
    expect(page.finalUrl).toBe(`${server.origin}/list.html`);
    expect(page.html).toContain('<a href="/art/2022/0701/1.html">上海市推进元宇宙产业发展行动方案</a>');
    expect(page.html).toContain("关于支持绿色低碳产业发展的若干政策");
    expect(server.hits.get("/banner.png")).toBeUndefined();
    expect(server.hits.get("/font.woff2")).toBeUndefined();
    // localhost is another host for this source: neither the stylesheet nor the beacon left the browser.
    expect(server.hits.get("/tracker.css")).toBeUndefined();
    expect(server.hits.get("/beacon")).toBeUndefined();
    expect(page.blockedRequests).toBeGreaterThanOrEqual(3);
  });

  it("waits for the network to settle when no selector is given", async () => {
    const page = await renderer.render(`${server.origin}/list.html`, { allow });
    expect(page.html).toContain("上海市推进元宇宙产业发展行动方案");
  });

  it("refuses a page outside the allowed hosts, and a redirect that leaves them, before any request there", async () => {
    await expect(
      renderer.render(`${server.origin}/plain.html`, { allow: ["example.org"] }),
    ).rejects.toMatchObject({
      kind: "outside-allow",
    });
    const before = server.hits.get("/plain.html") ?? 0;
    const error = await renderer.render(`${server.origin}/escape`, { allow }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error).toMatchObject({ kind: "outside-allow" });
    expect(server.hits.get("/plain.html") ?? 0).toBe(before);
  });

  it("reports HTTP errors and navigation timeouts as typed errors, and closes every context", async () => {
    await expect(renderer.render(`${server.origin}/missing.html`, { allow })).rejects.toMatchObject({
      kind: "http-4xx",
      status: 404,
    });
    await expect(renderer.render(`${server.origin}/hang.html`, { allow })).rejects.toMatchObject({
      kind: "timeout",
      retryable: true,
    });
    expect((await renderer.stats()).openContexts).toBe(0);
  });

  it("reuses one browser and recycles it after the configured number of pages", async () => {
    const before = await renderer.stats();
    for (let i = 0; i < 6; i++) {
      const page = await renderer.render(`${server.origin}/plain.html`, { allow, waitFor: "#p" });
      expect(page.html).toContain("static");
    }
    const after = await renderer.stats();
    expect(after.pagesRendered - before.pagesRendered).toBe(6);
    // recycleAfterPages: 3 → 6 pages need 2 launches (±1 for where the earlier tests left the count).
    expect(after.launches - before.launches).toBeGreaterThanOrEqual(2);
    expect(after.launches - before.launches).toBeLessThanOrEqual(3);
    expect(after.openContexts).toBe(0);
  });

  it("replaces a browser that crashed", async () => {
    const own = createBrowserRenderer({
      chromiumPath: process.env.CHROMIUM_PATH,
      navigationTimeoutMs: 5_000,
    });
    try {
      await own.render(`${server.origin}/plain.html`, { allow, waitFor: "#p" });
      // The browsers are children of this process; kill them as the OOM killer would.
      const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)]).toString();
      const browserPids = children
        .split("\n")
        .filter((line) => /chrom/i.test(line))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
      expect(browserPids.length).toBeGreaterThan(0);
      for (const pid of browserPids) process.kill(pid, "SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const page = await own.render(`${server.origin}/plain.html`, { allow, waitFor: "#p" });
      expect(page.html).toContain("static");
      expect((await own.stats()).launches).toBe(2);
    } finally {
      await own.close();
    }
  });

  it("renders pages concurrently in separate contexts", async () => {
    const pages = await Promise.all(
      [1, 2, 3].map(() =>
        renderer.render(`${server.origin}/list.html`, { allow, waitFor: "ul.list[data-ready]" }),
      ),
    );
    for (const page of pages) expect(page.html).toContain("上海市推进元宇宙产业发展行动方案");
    expect((await renderer.stats()).openContexts).toBe(0);
  });
});
