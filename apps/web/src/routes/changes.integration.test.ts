import type { Db } from "@trackwatch/db";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDocument, seedManyChanges } from "../../test/seed.ts";
import { createClient, createTestApp, openTestDb, type TestApp } from "../../test/test-app.ts";

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;
let documentId: number;
let sourceId: string;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  ({ documentId, sourceId } = await seedDocument(db));
  await seedManyChanges(db, documentId, sourceId, 120);
  await seedManyChanges(db, documentId, sourceId, 5, "digital-economy");
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

beforeAll(async () => {
  t = await createTestApp(db);
});

interface ApiPage {
  changes: { id: number; kind: string; track: string; document: { id: number } }[];
  nextCursor: number | null;
  next: string | null;
}

describe("/api/changes", () => {
  it("pages through every change once, newest first, with a stable cursor", async () => {
    const client = createClient(t.app);
    const seen: number[] = [];
    let path: string | null = "/api/changes?limit=50";
    let pages = 0;
    while (path) {
      const response = await client.request(path);
      expect(response.status).toBe(200);
      const page = (await response.json()) as ApiPage;
      seen.push(...page.changes.map((c) => c.id));
      pages += 1;
      // Changes appended while paging must not shift the pages already handed out.
      if (pages === 1) await seedManyChanges(db, documentId, sourceId, 3, "green-low-carbon");
      path = page.next ? new URL(page.next).pathname + new URL(page.next).search : null;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(126);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("filters by track and kind", async () => {
    const client = createClient(t.app);
    const page = (await (await client.request("/api/changes?track=digital-economy")).json()) as ApiPage;
    expect(page.changes).toHaveLength(5);
    expect(page.changes.every((c) => c.track === "digital-economy")).toBe(true);
    const changed = (await (await client.request("/api/changes?kind=target-changed")).json()) as ApiPage;
    expect(changed.changes.map((c) => c.kind)).toEqual(["target-changed"]);
  });

  it("filters by date range in the configured time zone", async () => {
    const client = createClient(t.app);
    const past = (await (
      await client.request("/api/changes?from=2000-01-01&to=2000-01-02")
    ).json()) as ApiPage;
    expect(past.changes).toHaveLength(0);
    const bad = await client.request("/api/changes?from=2026-02-01&to=2026-01-01");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/from must not be after to/);
  });
});

describe("/changes", () => {
  it("links the next page with the same filters and shows before → after", async () => {
    const client = createClient(t.app);
    const html = await (await client.request("/changes?track=metaverse&lang=en")).text();
    const next = /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^\/changes\?track=metaverse&cursor=\d+$/);
    // The seeded 3500亿 → 4000亿 change is the oldest: follow the pager to the end.
    let path: string | undefined = next;
    let last = html;
    while (path) {
      last = await (await client.request(path)).text();
      path = /<a rel="next" href="([^"]+)"/.exec(last)?.[1]?.replaceAll("&amp;", "&");
    }
    expect(last.includes("≥ ¥350bn by 2025")).toBe(true);
    expect(last.includes("≥ ¥400bn by 2025")).toBe(true);
  });
});

describe("/changes.atom", () => {
  it("is well-formed Atom with one entry per change and the filters applied", async () => {
    const response = await createClient(t.app).request("/changes.atom?track=metaverse");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const xml = await response.text();
    const parser = new SaxesParser({ xmlns: true });
    const elements: { name: string; uri: string }[] = [];
    const texts: string[] = [];
    parser.on("opentag", (tag) => elements.push({ name: tag.local, uri: tag.uri }));
    parser.on("text", (text) => texts.push(text));
    parser.write(xml).close();
    expect(elements[0]).toEqual({ name: "feed", uri: "http://www.w3.org/2005/Atom" });
    for (const required of ["id", "title", "updated", "author"]) {
      expect(elements.some((e) => e.name === required)).toBe(true);
    }
    const entries = elements.filter((e) => e.name === "entry");
    expect(entries.length).toBe(50);
    // The hostile sentence is text in the feed, not markup.
    expect(texts.join("")).toContain("<script>alert(");
    expect(elements.some((e) => e.name === "script" || e.name === "img")).toBe(false);
  });
});

describe("tracks a source added", () => {
  it("are offered in the change-log filter and on the subscribe form", async () => {
    await seedManyChanges(db, documentId, sourceId, 1, "hydrogen-energy");
    const fresh = await createTestApp(db);
    try {
      const client = createClient(fresh.app);
      const changes = await (await client.request("/changes")).text();
      expect(changes.includes('<option value="hydrogen-energy">hydrogen-energy</option>')).toBe(true);
      const subscribe = await (await client.request("/subscribe")).text();
      expect(subscribe.includes('value="hydrogen-energy"')).toBe(true);
      expect(subscribe.includes('value="metaverse"')).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe("conditional GET", () => {
  it("answers an unchanged feed with 304", async () => {
    const client = createClient(t.app);
    const first = await client.request("/changes.atom?track=digital-economy");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await client.request("/changes.atom?track=digital-economy", {
      headers: { "if-none-match": tag! },
    });
    expect(again.status).toBe(304);
  });
});
