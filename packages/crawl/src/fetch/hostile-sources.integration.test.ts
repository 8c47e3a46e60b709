import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decodeBody } from "../charset/decode-body.ts";
import { createRobots } from "../robots/create-robots.ts";
import type { Fetcher } from "./create-fetcher.ts";
import { createFetcher } from "./create-fetcher.ts";
import type { FetchResult } from "./fetch-result.ts";

// The fetching layer against the testkit fixture site and its faults (issue 10, hostile sources).
let site: FixtureSite;
let fetcher: Fetcher;
let allow: string[];

beforeAll(async () => {
  site = await startFixtureSite({});
  fetcher = createFetcher({ retries: 1, retryBaseMs: 10, retryMaxMs: 20, totalTimeoutMs: 2_000 });
  allow = [site.host];
});
afterEach(() => site.clearFaults());
afterAll(async () => {
  await fetcher.close();
  await site.close();
});

const kindOf = (result: FetchResult) => (result.ok ? "ok" : result.kind);

describe("fetching the fixture site", () => {
  it("decodes its GBK and UTF-8 detail pages and revalidates them with 304s", async () => {
    for (const id of [SEED_DOCUMENT_IDS.digitalEconomyPlan, SEED_DOCUMENT_IDS.metaversePlan]) {
      const doc = site.document(id);
      const first = await fetcher.fetchPage(site.documentUrl(id), { allow });
      if (!first.ok) throw new Error(first.message);
      const decoded = decodeBody(first.bytes, first.contentType);
      expect(decoded.charset).toBe(doc.encoding === "gbk" ? "gb18030" : "utf-8");
      expect(decoded.text).toContain(doc.title);
      expect(decoded.warnings).toEqual([]);
      const again = await fetcher.fetchPage(site.documentUrl(id), {
        allow,
        etag: first.etag,
        lastModified: first.lastModified,
      });
      expect(again).toMatchObject({ ok: true, notModified: true, status: 304 });
    }
  });

  it("reads its robots.txt", async () => {
    const robots = createRobots({ fetcher });
    expect((await robots.check(site.url("/private/x.html"), allow)).allowed).toBe(false);
    expect((await robots.check(site.urls.municipalList, allow)).allowed).toBe(true);
  });

  it("survives every fault with a classified result", async () => {
    const path = new URL(site.documentUrl(SEED_DOCUMENT_IDS.greenPlan)).pathname;
    const url = site.url(path);
    // Slowloris, a 30 MB stream, a gzip bomb, a redirect loop and a redirect to 127.0.0.1:5432 are
    // run through the whole crawl by the faults suite (tests/faults, hostile-sources scenario).
    const cases: [Parameters<FixtureSite["setFault"]>[1], string][] = [
      [{ kind: "huge", declareLength: true }, "too-large"],
      [{ kind: "redirect", location: `${site.otherOrigin}${path}` }, "redirect-outside-allow"],
      [{ kind: "reset" }, "network"],
      [{ kind: "status", status: 500 }, "http-5xx"],
      [{ kind: "gone", status: 410 }, "http-4xx"],
    ];
    const seen: string[] = [];
    for (const [fault, expected] of cases) {
      site.setFault(path, fault);
      const result = await fetcher.fetchPage(url, { allow });
      seen.push(`${fault?.kind}:${kindOf(result)}`);
      expect(kindOf(result), JSON.stringify(fault)).toBe(expected);
    }
    expect(seen).toHaveLength(cases.length);
    // And the page is fine again once the fault is gone.
    site.clearFaults();
    expect(kindOf(await fetcher.fetchPage(url, { allow }))).toBe("ok");
  });

  it("passes a 503's Retry-After to the caller", async () => {
    site.setFault("detail:*", { kind: "status", status: 503, retryAfterSeconds: 120 });
    const result = await fetcher.fetchPage(site.documentUrl(SEED_DOCUMENT_IDS.greenPlan), { allow });
    expect(result).toMatchObject({ ok: false, kind: "http-5xx", retryAfterMs: 120_000, retryable: true });
  });
});
