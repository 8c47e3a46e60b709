import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFetcher } from "../fetch/create-fetcher.ts";
import type { TestServer } from "../testing/start-test-server.ts";
import { startTestServer } from "../testing/start-test-server.ts";
import { createRobots, MAX_CRAWL_DELAY_MS, ROBOTS_MAX_TTL_MS } from "./create-robots.ts";

const ROBOTS = [
  "User-agent: *",
  "Disallow: /private",
  "Crawl-delay: 1",
  "",
  "User-agent: Trackwatch",
  "Disallow: /not-for-trackwatch",
  "Allow: /not-for-trackwatch/open.html",
  "Crawl-delay: 5",
].join("\n");

let robotsReply: { status: number; body: string };
let server: TestServer;
let allow: string[];
const fetcher = createFetcher({ retryBaseMs: 5, retryMaxMs: 10 });

beforeAll(async () => {
  server = await startTestServer({
    "/robots.txt": (_req, res) =>
      res.writeHead(robotsReply.status, { "content-type": "text/plain" }).end(robotsReply.body),
  });
  allow = [`127.0.0.1:${server.port}`];
});
beforeEach(() => {
  server.hits.clear();
  robotsReply = { status: 200, body: ROBOTS };
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe("robots", () => {
  it("applies the Trackwatch group, not *, and reads its Crawl-delay", async () => {
    const robots = createRobots({ fetcher });
    const blocked = await robots.check(`${server.origin}/not-for-trackwatch/a.html`, allow);
    expect(blocked).toMatchObject({ allowed: false, crawlDelayMs: 5_000, state: "parsed" });
    expect((await robots.check(`${server.origin}/not-for-trackwatch/open.html`, allow)).allowed).toBe(true);
    // /private is only disallowed for other robots; the Trackwatch group replaces the * group.
    expect((await robots.check(`${server.origin}/private/x.html`, allow)).allowed).toBe(true);
  });

  it("falls back to the * group when no group names Trackwatch", async () => {
    robotsReply = { status: 200, body: "User-agent: *\nDisallow: /private\nCrawl-delay: 2\n" };
    const robots = createRobots({ fetcher });
    expect(await robots.check(`${server.origin}/private/x.html`, allow)).toMatchObject({
      allowed: false,
      crawlDelayMs: 2_000,
    });
    expect((await robots.check(`${server.origin}/public.html`, allow)).allowed).toBe(true);
  });

  it("caps Crawl-delay at 300 s", async () => {
    robotsReply = { status: 200, body: "User-agent: *\nCrawl-delay: 86400\n" };
    const robots = createRobots({ fetcher });
    expect((await robots.check(`${server.origin}/a`, allow)).crawlDelayMs).toBe(MAX_CRAWL_DELAY_MS);
  });

  it("treats a 4xx robots.txt as allow-all", async () => {
    robotsReply = { status: 404, body: "no robots here" };
    const robots = createRobots({ fetcher });
    expect(await robots.check(`${server.origin}/anything`, allow)).toMatchObject({
      allowed: true,
      state: "unavailable",
    });
  });

  it("treats a 5xx robots.txt as disallow-all, and asks again after the short cache", async () => {
    let clock = 1_000_000;
    robotsReply = { status: 503, body: "down" };
    const robots = createRobots({ fetcher, now: () => clock, unreachableTtlMs: 60_000 });
    expect(await robots.check(`${server.origin}/a`, allow)).toMatchObject({
      allowed: false,
      state: "unreachable",
    });
    robotsReply = { status: 200, body: "User-agent: *\nDisallow:\n" };
    clock += 30_000;
    expect((await robots.check(`${server.origin}/a`, allow)).allowed).toBe(false);
    clock += 31_000;
    expect((await robots.check(`${server.origin}/a`, allow)).allowed).toBe(true);
  });

  it("treats an unreachable host as disallow-all", async () => {
    const robots = createRobots({ fetcher });
    const verdict = await robots.check("http://127.0.0.1:9/x", ["127.0.0.1:9"]);
    expect(verdict).toMatchObject({ allowed: false, state: "unreachable" });
  });

  it("fetches once per origin for concurrent checks and caches for at most 24 h", async () => {
    let clock = 0;
    const robots = createRobots({ fetcher, now: () => clock, ttlMs: 7 * ROBOTS_MAX_TTL_MS });
    await Promise.all(["/a", "/b", "/c", "/d"].map((path) => robots.check(`${server.origin}${path}`, allow)));
    expect(server.hits.get("/robots.txt")).toBe(1);
    clock += ROBOTS_MAX_TTL_MS - 1;
    await robots.check(`${server.origin}/e`, allow);
    expect(server.hits.get("/robots.txt")).toBe(1);
    clock += 2;
    await robots.check(`${server.origin}/f`, allow);
    expect(server.hits.get("/robots.txt")).toBe(2);
  });
});
