import { schema } from "@trackwatch/db";
import type { FixtureDocument, FixtureFault } from "@trackwatch/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportScenario } from "../src/report-scenario.ts";
import { type CrawlerOnSite, startCrawlerOnSite } from "../src/start-crawler-on-site.ts";

// Scenario 5 (issue 10): nine hostile pages among twenty good ones on the fixture site, crawled by
// the real crawl and extract workers three times (a clean baseline, then twice with the faults on).
const GOOD_DOCUMENTS = 20;
const REVISED_GOOD = 3;

let h: CrawlerOnSite;

beforeAll(async () => {
  // 7 seeded + 22 generated announcements, split over the two fixture sources.
  h = await startCrawlerOnSite({ site: { documents: 22 } });
});
afterAll(async () => {
  await h?.close();
});

/** Each hostile page, its fault, and the problem kind the run must record for it. */
function hostilePlan(docs: FixtureDocument[]) {
  const html = docs.filter(
    (d) => d.format !== "text" && d.attachments.length === 0 && d.id.startsWith("gen-"),
  );
  const utf8 = html.filter((d) => d.encoding === "utf-8");
  const pick = (from: FixtureDocument[]) => {
    const doc = from.find((d) => !chosen.has(d.id))!;
    chosen.add(doc.id);
    return doc;
  };
  const chosen = new Set<string>();
  const plan: { name: string; fault: FixtureFault; kinds: string[]; doc: FixtureDocument }[] = [
    { name: "slowloris", fault: { kind: "slowloris", intervalMs: 300 }, kinds: ["timeout"] },
    { name: "30 MB page", fault: { kind: "huge" }, kinds: ["too-large"] },
    { name: "gzip bomb", fault: { kind: "gzip-bomb", bytes: 32 * 1024 * 1024 }, kinds: ["too-large"] },
    { name: "redirect loop", fault: { kind: "redirect-loop" }, kinds: ["redirect-loop"] },
    {
      name: "redirect to 127.0.0.1:5432",
      fault: { kind: "redirect", location: "http://127.0.0.1:5432/" },
      kinds: ["redirect-outside-allow"],
    },
    { name: "invalid UTF-8", fault: { kind: "invalid-utf8" }, kinds: ["charset"] },
    { name: "mislabelled charset", fault: { kind: "mislabelled-charset" }, kinds: ["charset"] },
    { name: "flipping page", fault: { kind: "flip" }, kinds: ["unstable"] },
    { name: "error page with 200", fault: { kind: "error-page" }, kinds: ["error-page"] },
  ].map((p) => ({
    ...p,
    fault: p.fault as FixtureFault,
    doc: pick(p.name === "invalid UTF-8" ? utf8 : html),
  }));
  return plan;
}

it("records every hostile page's problem, processes the good documents, and records no false change or removal", async () => {
  const started = Date.now();
  const { site, db } = h;
  const all = [...site.listDocuments("municipal"), ...site.listDocuments("commission")];
  const hostile = hostilePlan(all);
  const hostileIds = new Set(hostile.map((p) => p.doc.id));
  const good = all.filter((d) => !hostileIds.has(d.id));
  expect(good).toHaveLength(GOOD_DOCUMENTS);
  // The flipping page alternates between its current and its previous version.
  site.publishRevision(hostile.find((p) => p.name === "flipping page")!.doc.id);

  // 1. Baseline: every page is fine.
  const baseline = await h.crawlAll();
  expect(baseline.every((r) => r.status === "succeeded")).toBe(true);
  const baselineDocs = await h.db.select().from(schema.documents);
  const baselineErrors = (await db.select().from(schema.crawlRuns)).flatMap((r) => r.errors);
  expect(baselineErrors.map((e) => `${e.kind}: ${e.message.slice(0, 200)}`).slice(0, 3)).toEqual([]);
  expect(baselineDocs).toHaveLength(all.length);
  const baselineSnapshot = new Map(baselineDocs.map((d) => [d.url, d.currentSnapshotId]));
  const lastChange = Math.max(
    0,
    ...(await db.select({ id: schema.changes.id }).from(schema.changes)).map((c) => c.id),
  );
  const baselineRuns = new Set(
    (await db.select({ id: schema.crawlRuns.id }).from(schema.crawlRuns)).map((r) => r.id),
  );

  // 2. The faults go on, and a few good documents publish a real revision.
  for (const p of hostile) site.setFault(new URL(site.documentUrl(p.doc.id)).pathname, p.fault);
  const revised = good.filter((d) => d.id.startsWith("gen-")).slice(0, REVISED_GOOD);
  for (const doc of revised) site.publishRevision(doc.id);
  await h.crawlAll();
  await h.crawlAll();

  // Problems recorded: every hostile page in each of the two runs with faults, with the right kind.
  const runs = (await db.select().from(schema.crawlRuns)).filter((r) => !baselineRuns.has(r.id));
  expect(runs).toHaveLength(2 * h.sources.length);
  expect(runs.every((r) => r.status === "succeeded")).toBe(true);
  const problems = hostile.map((p) => {
    const url = site.documentUrl(p.doc.id);
    const perRun = [0, 1].map((i) => {
      // Each source ran twice; the page belongs to one of them.
      const own = runs.filter((r) => r.errors.some((e) => e.url === url));
      return own[i]?.errors.filter((e) => e.url === url).map((e) => e.kind ?? "") ?? [];
    });
    return { name: p.name, url, expected: p.kinds, perRun };
  });
  // A charset problem is found when a version is read; the next run sees the same bytes (same hash)
  // and does not decode them again, so it is recorded once, by the first run that met it.
  const recorded = problems.filter((p) =>
    p.perRun
      .slice(0, p.expected.includes("charset") ? 1 : 2)
      .every((kinds) => p.expected.some((k) => kinds.includes(k))),
  );

  // Good documents: the current version of each one is extracted, the revised ones at their revision.
  const docs = await db.select().from(schema.documents);
  const extractions = await db.select().from(schema.extractions);
  const extracted = new Set(extractions.map((e) => e.snapshotId));
  const docByUrl = new Map(docs.map((d) => [d.url, d]));
  const goodExtracted = good.filter((g) => {
    const row = docByUrl.get(site.documentUrl(g.id));
    if (!row?.currentSnapshotId || !extracted.has(row.currentSnapshotId)) return false;
    const wasRevised = revised.some((r) => r.id === g.id);
    return wasRevised === (row.currentSnapshotId !== baselineSnapshot.get(row.url));
  });

  // Changes after the baseline: only on the revised documents. No removal anywhere.
  const revisedIds = new Set(revised.map((r) => docByUrl.get(site.documentUrl(r.id))!.id));
  const newChanges = (await db.select().from(schema.changes)).filter((c) => c.id > lastChange);
  const falseChanges = newChanges.filter(
    (c) => !revisedIds.has(c.documentId) || c.kind === "document-removed",
  );
  const removed = docs.filter((d) => d.removedAt !== null);
  // The pages that never answered well kept their good version (the charset ones are read anyway).
  const replaced = hostile
    .filter((p) => !p.kinds.includes("charset"))
    .filter((p) => {
      const url = site.documentUrl(p.doc.id);
      return docByUrl.get(url)?.currentSnapshotId !== baselineSnapshot.get(url);
    });

  reportScenario("hostile sources", {
    "hostile pages": hostile.length,
    "problems recorded": recorded.length,
    "good documents": `${goodExtracted.length}/${good.length} extracted`,
    "real changes": newChanges.length - falseChanges.length,
    "false changes": falseChanges.length,
    "false removals": removed.length,
    "run time": `${Math.round((Date.now() - started) / 1000)} s`,
  });
  expect(problems.filter((p) => !recorded.includes(p))).toEqual([]);
  expect(goodExtracted.map((g) => g.id).sort()).toEqual(good.map((g) => g.id).sort());
  expect(falseChanges.map((c) => `${c.kind} ${c.key} on ${c.documentId}`)).toEqual([]);
  expect(newChanges.length).toBeGreaterThan(0);
  expect(removed.map((d) => d.url)).toEqual([]);
  expect(replaced.map((p) => p.name)).toEqual([]);
});
