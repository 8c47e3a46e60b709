import { describe, expect, it } from "vitest";
import type { FetchResult } from "../fetch/fetch-result.ts";
import { createLocalPoliteness } from "../politeness/create-local-politeness.ts";
import type { CrawlPoliteness } from "./crawl-deps.ts";
import { createHostLanes } from "./host-lane.ts";

function counted() {
  const inner = createLocalPoliteness({ defaultBackOffMs: 50 });
  const calls = { withHost: 0, schedule: 0 };
  const politeness: CrawlPoliteness = {
    schedule: (url, options, task) => {
      calls.schedule += 1;
      return inner.schedule(url, options, task);
    },
    withHost: (host, spacingMs, fn) => {
      calls.withHost += 1;
      return inner.withHost(host, spacingMs, fn);
    },
  };
  return { politeness, calls };
}

const ok = (url: string) => ({ ok: true, status: 200, url }) as unknown as FetchResult;

describe("createHostLanes", () => {
  it("with spacing 0 runs queued requests to one host in a row, one at a time, under few slot holds", async () => {
    const { politeness, calls } = counted();
    const fetchFor = createHostLanes(politeness, 0);
    let inFlight = 0;
    let maxInFlight = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetchFor(`http://a.test/${i}`, async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 2));
          inFlight -= 1;
          return ok(`http://a.test/${i}`);
        }),
      ),
    );
    expect(results.map((r) => (r as { url: string }).url)).toEqual(
      Array.from({ length: 20 }, (_, i) => `http://a.test/${i}`),
    );
    expect(maxInFlight).toBe(1);
    expect(calls.withHost).toBeLessThan(5);
    expect(calls.schedule).toBe(0);
  });

  it("with a spacing takes the slot for every request", async () => {
    const { politeness, calls } = counted();
    const fetchFor = createHostLanes(politeness, 5);
    await Promise.all(
      [1, 2, 3].map((i) => fetchFor(`http://b.test/${i}`, async () => ok(`http://b.test/${i}`))),
    );
    expect(calls).toEqual({ withHost: 0, schedule: 3 });
  });

  it("ends the batch on a 503 and lets politeness back the host off", async () => {
    const { politeness, calls } = counted();
    const fetchFor = createHostLanes(politeness, 0);
    const busy = {
      ok: false,
      status: 503,
      retryAfterMs: null,
      url: "http://c.test/1",
    } as unknown as FetchResult;
    const first = fetchFor("http://c.test/1", async () => busy);
    const started = Date.now();
    await fetchFor("http://c.test/2", async () => ok("http://c.test/2"));
    expect(await first).toBe(busy);
    expect(calls.schedule).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
