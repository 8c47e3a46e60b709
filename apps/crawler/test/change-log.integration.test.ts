import { createHash } from "node:crypto";
import type { Source } from "@trackwatch/crawl";
import {
  type Database,
  type Db,
  findPreviousExtraction,
  getDocumentHistory,
  getSnapshotForExtraction,
  listChanges,
  listCurrentTargets,
  listDocumentSnapshots,
  listUnmailedChanges,
  recordSnapshot,
  schema,
} from "@trackwatch/db";
import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExtractSnapshotResult, extractSnapshot } from "../src/extract-snapshot.ts";
import type { Extractor } from "../src/extractor.ts";
import { policyExtractor } from "../src/policy-extractor.ts";
import { reextractAll } from "../src/reextract.ts";
import { type OnceSummary, runOnce } from "../src/run-once.ts";
import { fixtureSources, localCrawlDeps, openTestDb } from "./pipeline-fixtures.ts";

type Deps = ReturnType<typeof localCrawlDeps>;

async function documentIdOf(db: Db, site: FixtureSite, fixtureId: string): Promise<number> {
  const url = site.documentUrl(fixtureId);
  const rows = await db.select({ id: schema.documents.id, url: schema.documents.url }).from(schema.documents);
  const row = rows.find((r) => r.url === url);
  if (!row) throw new Error(`no document for ${url}`);
  return row.id;
}

async function documentRow(db: Db, id: number) {
  return (await getDocumentHistory(db, { documentId: id })).document;
}

const policyChanges = (summary: OnceSummary) => summary.changes.filter((c) => !c.extractorOnly);
// Whether a bumped 更新日期 alone is news is the diff's call (packages/policy); these tests are about
// targets and rules, which must come out exactly.
const figureChanges = (changes: OnceSummary["changes"]) =>
  changes.filter((c) => c.kind !== "document-metadata-changed");
// Rule keys carry the extractor's wording after the kind (metaverse/reward-projects): compare up to it.
const kindKey = (c: { kind: string; key: string | null }) =>
  `${c.kind} ${(c.key ?? "").replace(/^([^/]+\/(?:reward|fund))-.*$/, "$1")}`.trim();

describe.each(["pglite", "postgres"] as const)("change log from the fixture site on %s", (engine) => {
  let site: FixtureSite;
  let database: Database;
  let cleanup: () => Promise<void>;
  let db: Db;
  let sources: Source[];
  let crawl: Deps;
  const once = (extractor: Extractor = policyExtractor, hooks?: Parameters<typeof runOnce>[0]["hooks"]) =>
    runOnce({ db, sources, crawl, extractor, hooks });

  beforeAll(async () => {
    site = await startFixtureSite();
    ({ database, cleanup } = await openTestDb(engine));
    db = database.db;
    sources = fixtureSources(site);
    crawl = localCrawlDeps(sources);
  });
  afterAll(async () => {
    await crawl?.close();
    await cleanup?.();
    await site?.close();
  });

  it("adds every document with its targets on the first crawl, and a repost once", async () => {
    const summary = await once();
    expect(summary.ok).toBe(true);
    expect(summary.newDocuments).toBeGreaterThanOrEqual(7);
    const metaverseId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.metaversePlan);
    const added = summary.changes.filter((c) => c.kind === "document-added").map((c) => c.documentId);
    expect(added).toContain(metaverseId);

    const plan = site.document(SEED_DOCUMENT_IDS.metaversePlan).plan;
    const scale = plan.targets.find((t) => t.id === "scale")!;
    const current = await listCurrentTargets(db, { track: "metaverse" });
    const currentScale = current.filter((t) => t.key === "metaverse/industry-scale");
    // The commission's repost (same 发文字号) is the same document: listed once, under the first location.
    expect(currentScale).toHaveLength(1);
    expect(currentScale[0]).toMatchObject({ value: scale.value * 1e8, year: scale.year, unit: "CNY" });
    expect(currentScale[0]!.document.id).toBe(metaverseId);
    expect(currentScale[0]!.sentence).toContain(String(scale.value));

    const repostId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.metaverseRepost);
    expect((await documentRow(db, repostId)).canonicalId).toBe(metaverseId);
    expect(summary.changes.filter((c) => c.documentId === repostId)).toEqual([]);
    expect(
      summary.changes.filter((c) => c.kind === "target-added" && c.key === "metaverse/industry-scale"),
    ).toHaveLength(1);
  });

  it("records nothing when re-crawling unchanged sources", async () => {
    const summary = await once();
    expect(summary.changes).toEqual([]);
    expect(summary.newDocuments + summary.changedDocuments).toBe(0);
  });

  it("reports exactly the changes of a revision, once", async () => {
    const before = site.document(SEED_DOCUMENT_IDS.metaversePlan).plan;
    site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
    const summary = await once();
    const metaverseId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.metaversePlan);
    const changes = figureChanges(policyChanges(summary));
    expect(changes.every((c) => c.documentId === metaverseId)).toBe(true);
    expect(changes.map(kindKey).sort()).toEqual(
      [
        "rule-added metaverse/reward",
        "rule-removed metaverse/fund",
        "target-changed metaverse/industry-scale",
        "target-changed metaverse/scenarios",
      ].sort(),
    );
    const log = await listChanges(db, { documentId: metaverseId, kind: "target-changed" });
    const scaleChange = log.changes.find((c) => c.key === "metaverse/industry-scale")!;
    const oldScale = before.targets.find((t) => t.id === "scale")!.value;
    expect(scaleChange.before).toMatchObject({ value: oldScale * 1e8 });
    expect(scaleChange.after).toMatchObject({ value: (oldScale + 500) * 1e8 });
    expect(scaleChange.fromSnapshotId).not.toBe(scaleChange.toSnapshotId);
    const scenarios = log.changes.find((c) => c.key === "metaverse/scenarios")!;
    expect((scenarios.after as { year: number }).year).toBe((scenarios.before as { year: number }).year + 1);

    const again = await once();
    expect(again.changes).toEqual([]);
  });

  it("links a revision published at a new URL to the plan it revises and diffs against it", async () => {
    const greenId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.greenPlan);
    const revision = site.publishRevisionAsNewUrl(SEED_DOCUMENT_IDS.greenPlan, { year: 2026 });
    const summary = await once();
    const revisionId = await documentIdOf(db, site, revision.id);
    expect((await documentRow(db, revisionId)).supersedesId).toBe(greenId);
    const kinds = policyChanges(summary)
      .filter((c) => c.documentId === revisionId)
      .map(kindKey);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "target-changed green-low-carbon/industry-scale",
        "target-changed green-low-carbon/scenarios",
        "rule-added green-low-carbon/reward",
        "rule-removed green-low-carbon/fund",
      ]),
    );
    expect(kinds.filter((k) => /^(document-added|target-added|target-removed)/.test(k))).toEqual([]);
    // The old plan no longer counts for the current targets; the revision does.
    const current = await listCurrentTargets(db, { track: "green-low-carbon" });
    expect(current.some((t) => t.document.id === greenId)).toBe(false);
    expect(current.some((t) => t.document.id === revisionId)).toBe(true);
  });

  it("never reports a removal for a 500 or an error page", async () => {
    const digital = site.document(SEED_DOCUMENT_IDS.digitalEconomyPlan);
    const smart = site.document(SEED_DOCUMENT_IDS.smartTerminalsPlan);
    site.setFault(digital.path, { kind: "status", status: 500 });
    site.setFault(smart.path, { kind: "error-page" });
    const during = await once();
    expect(during.changes).toEqual([]);
    site.clearFaults();
    const after = await once();
    expect(after.changes).toEqual([]);
    // Even if an error page got stored as a version (a CMS that answers 200 with "页面不存在"),
    // extracting it records nothing rather than every target removed.
    site.setFault(smart.path, { kind: "error-page" });
    const errorHtml = await (await fetch(site.documentUrl(SEED_DOCUMENT_IDS.smartTerminalsPlan))).text();
    site.clearFaults();
    const smartId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.smartTerminalsPlan);
    const stored = await recordSnapshot(db, {
      documentId: smartId,
      sha256: createHash("sha256").update(errorHtml).digest("hex"),
      textSha256: null,
      httpStatus: 200,
      contentType: "text/html; charset=utf-8",
      etag: null,
      lastModified: null,
      charset: "utf-8",
      byteSize: errorHtml.length,
      body: errorHtml,
    });
    const extracted = await extractSnapshot({ db, extractor: policyExtractor, snapshotId: stored.id });
    expect(extracted).toMatchObject({ skipped: "looks-like-error-page", changes: [] });
    const smartTargets = await listCurrentTargets(db, { track: "smart-terminals" });
    expect(smartTargets.filter((t) => t.document.id === smartId).length).toBeGreaterThan(0);

    const log = await listChanges(db, {
      kind: ["target-removed", "rule-removed", "document-removed"],
      limit: 500,
    });
    expect(log.changes.filter((c) => c.kind !== "rule-removed" || c.key !== `${c.track}/fund`)).toEqual([]);
  });

  it("flags differences that come only from a newer extractor and keeps them out of the default log", async () => {
    const bumped: Extractor = {
      version: `${policyExtractor.version}-bumped`,
      extract(input) {
        const extraction = policyExtractor.extract(input);
        // The "new extractor" reads money targets differently: a difference in reading, not in policy.
        return {
          ...extraction,
          extractorVersion: `${policyExtractor.version}-bumped`,
          targets: extraction.targets.map((t) => (t.unit === "CNY" ? { ...t, value: t.value * 2 } : t)),
        };
      },
      diff: policyExtractor.diff,
    };
    const summary = await reextractAll({ db, extractor: bumped });
    expect(summary.failures).toEqual([]);
    expect(summary.changes).toBeGreaterThan(0);
    const flagged = await listChanges(db, { includeExtractorOnly: true, limit: 500 });
    const extractorOnly = flagged.changes.filter((c) => c.extractorOnly);
    expect(extractorOnly).toHaveLength(summary.changes);
    expect(extractorOnly.every((c) => c.kind === "target-changed")).toBe(true);
    const defaults = await listChanges(db, { limit: 500 });
    expect(defaults.changes.some((c) => c.extractorOnly)).toBe(false);
    // Not mailed: a subscriber's next digest does not cover them.
    const mailable = await listUnmailedChanges(db, {
      tracks: [],
      lastChangeId: 0,
      horizon: Number.MAX_SAFE_INTEGER,
    });
    expect(extractorOnly.some((c) => mailable.includes(c.id))).toBe(false);
    expect(mailable.length).toBeGreaterThan(0);
    // Running it again finds nothing left to re-extract; a crawl with the new extractor finds no policy change.
    expect((await reextractAll({ db, extractor: bumped })).documents).toBe(0);
    expect((await once(bumped)).changes).toEqual([]);
  });

  it("leaves no partial rows when the job crashes between the extraction and the changes, and a retry appends each change once", async () => {
    const bumped = { ...policyExtractor, version: `${policyExtractor.version}-bumped` } satisfies Extractor;
    const keep: Extractor = {
      ...bumped,
      extract: (input) => ({ ...policyExtractor.extract(input), extractorVersion: bumped.version }),
    };
    site.publishRevision(SEED_DOCUMENT_IDS.digitalEconomyPlan);
    const crashed = await once(keep, {
      afterExtractionInsert: () => {
        throw new Error("injected crash");
      },
    });
    const failures = crashed.sources.flatMap((s) => s.extractFailures);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toBe("injected crash");
    expect(crashed.changes).toEqual([]);
    const snapshotId = failures[0]!.snapshotId;
    const digitalId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.digitalEconomyPlan);
    expect(await findPreviousExtraction(db, { documentIds: [digitalId], snapshotId })).toBeNull();

    const retried = await once(keep);
    const kinds = figureChanges(retried.changes).map(kindKey).sort();
    expect(kinds).toEqual(
      [
        "rule-added digital-economy/reward",
        "rule-removed digital-economy/fund",
        "target-changed digital-economy/industry-scale",
        "target-changed digital-economy/scenarios",
      ].sort(),
    );
    // The same job once more (a retry after the commit): nothing new.
    const again: ExtractSnapshotResult = await extractSnapshot({ db, extractor: keep, snapshotId });
    expect(again.created).toBe(false);
    expect(again.changes).toEqual([]);
    const log = await listChanges(db, { documentId: digitalId, limit: 500 });
    const keys = log.changes.filter((c) => c.toSnapshotId === snapshotId).map(kindKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(retried.changes.length);
  });
});

describe("a page that goes back to an earlier version", () => {
  let site: FixtureSite;
  let database: Database;
  let db: Db;
  let sources: Source[];
  let crawl: Deps;

  beforeAll(async () => {
    site = await startFixtureSite();
    ({ database } = await openTestDb("pglite"));
    db = database.db;
    sources = fixtureSources(site);
    crawl = localCrawlDeps(sources);
  });
  afterAll(async () => {
    await crawl?.close();
    await database?.close();
    await site?.close();
  });

  it("reports the return, lists the earlier figures again and diffs the next version against them", async () => {
    const once = () => runOnce({ db, sources, crawl, extractor: policyExtractor });
    await once();
    const original = site
      .document(SEED_DOCUMENT_IDS.metaversePlan)
      .plan.targets.find((t) => t.id === "scale")!;
    site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
    await once();
    const metaverseId = await documentIdOf(db, site, SEED_DOCUMENT_IDS.metaversePlan);
    const versions = await listDocumentSnapshots(db, { documentId: metaverseId });
    const first = versions.at(-1)!;
    const { snapshot: stored } = await getSnapshotForExtraction(db, { snapshotId: first.id });

    // The CMS serves the first version again, byte for byte: the stored snapshot becomes current.
    const row = {
      documentId: metaverseId,
      sha256: first.sha256,
      textSha256: first.textSha256,
      httpStatus: first.httpStatus,
      contentType: first.contentType,
      etag: null,
      lastModified: null,
      charset: first.charset,
      byteSize: first.byteSize,
      body: stored.body,
    };
    const again = await recordSnapshot(db, row);
    expect(again).toMatchObject({ id: first.id, created: false });
    const reverted = await extractSnapshot({ db, extractor: policyExtractor, snapshotId: first.id });
    expect(
      figureChanges(reverted.changes.map((c) => ({ ...c, documentId: metaverseId, sourceId: "" })))
        .map(kindKey)
        .sort(),
    ).toEqual(
      [
        "rule-added metaverse/fund",
        "rule-removed metaverse/reward",
        "target-changed metaverse/industry-scale",
        "target-changed metaverse/scenarios",
      ].sort(),
    );
    const scale = (await listCurrentTargets(db, { track: "metaverse" })).find(
      (t) => t.key === "metaverse/industry-scale" && t.document.id === metaverseId,
    );
    expect(scale?.value).toBe(original.value * 1e8);
    // Seen again: nothing new.
    expect((await extractSnapshot({ db, extractor: policyExtractor, snapshotId: first.id })).changes).toEqual(
      [],
    );

    // The next real revision is compared with what the log says is current: the first version.
    site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
    const next = await once();
    const scaleChange = next.changes.find((c) => c.key === "metaverse/industry-scale");
    expect(scaleChange).toBeDefined();
    const log = await listChanges(db, { documentId: metaverseId, kind: "target-changed", limit: 10 });
    const latestScale = log.changes.find((c) => c.key === "metaverse/industry-scale");
    expect(latestScale?.id).toBe(scaleChange!.id);
    expect(latestScale?.before).toMatchObject({ value: original.value * 1e8 });
    expect(latestScale?.after).toMatchObject({ value: (original.value + 1000) * 1e8 });
  });
});
