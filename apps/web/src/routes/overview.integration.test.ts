import type { Db } from "@trackwatch/db";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDocument } from "../../test/seed.ts";
import { createClient, createTestApp, openTestDb, type TestApp } from "../../test/test-app.ts";

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  await seedDocument(db);
  t = await createTestApp(db);
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

describe("overview", () => {
  it("shows each track's current targets, a chart of their values across revisions, and the sources", async () => {
    const $ = load(
      await (await createClient(t.app).request("/", { headers: { "accept-language": "en" } })).text(),
    );
    const section = $("#track-metaverse");
    expect(section.find("h2").text()).toBe("Metaverse");
    const cells = section.find("tbody tr").first().find("td");
    expect(cells.eq(1).text()).toBe("≥ ¥400bn by 2025");
    expect(cells.eq(2).text()).toBe("2025");
    // Two revisions (3500亿 → 4000亿): one line with two points, labelled first → last.
    const chart = section.find("svg.chart");
    expect(chart.find("polyline").length).toBe(1);
    expect(chart.find("circle").length).toBe(2);
    expect(chart.text()).toContain("¥350bn → ¥400bn");
    expect($("#h-sources").parent().find("tbody tr").first().text()).toContain("Test source");
  });
});

describe("language", () => {
  it("follows Accept-Language, and the switch wins and is remembered", async () => {
    const client = createClient(t.app);
    const english = await client.request("/changes", { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(load(await english.text())("html").attr("lang")).toBe("en");
    const switched = await client.request("/changes?lang=zh", { headers: { "accept-language": "en" } });
    const $ = load(await switched.text());
    expect($("html").attr("lang")).toBe("zh-CN");
    expect($("h1").text()).toBe("变更记录");
    const later = await client.request("/changes", { headers: { "accept-language": "en" } });
    expect(load(await later.text())("html").attr("lang")).toBe("zh-CN");
  });
});
