import { type Db, listCurrentTargets, schema } from "@trackwatch/db";
import {
  buildDocx,
  buildPdf,
  buildScannedPdf,
  type FixtureSite,
  SEED_DOCUMENT_IDS,
  startFixtureSite,
} from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policyExtractor } from "../src/policy-extractor.ts";
import { runOnce } from "../src/run-once.ts";
import { fixtureSources, localCrawlDeps, openTestDb } from "./pipeline-fixtures.ts";

const DOCUMENT = SEED_DOCUMENT_IDS.investmentMeasures;
const planPdf = (value: number) =>
  buildPdf([
    "Shanghai Action Plan for the Metaverse New Track",
    `By 2025 the metaverse industry scale will exceed ${value} billion yuan.`,
  ]);
const PLAN_DOCX = ["上海市绿色低碳产业实施方案", "到2025年，全市绿色低碳产业规模突破5000亿元。"];

describe("attachments from the fixture site (pglite)", () => {
  let site: FixtureSite;
  let db: Db;
  let cleanup: () => Promise<void>;
  let crawl: ReturnType<typeof localCrawlDeps>;
  let once: () => ReturnType<typeof runOnce>;

  // Apps and their tests do not build SQL: read whole (small) tables and filter here.
  async function documentAt(url: string) {
    const doc = (await db.select().from(schema.documents)).find((d) => d.url === url);
    if (!doc) throw new Error(`no document at ${url}`);
    return doc;
  }

  async function attachmentsOf(url: string) {
    const doc = await documentAt(url);
    return (await db.select().from(schema.attachments)).filter((a) => a.snapshotId === doc.currentSnapshotId);
  }

  beforeAll(async () => {
    site = await startFixtureSite();
    const opened = await openTestDb("pglite");
    db = opened.database.db;
    cleanup = opened.cleanup;
    const sources = fixtureSources(site);
    crawl = localCrawlDeps(sources);
    once = () => runOnce({ db, sources, crawl, extractor: policyExtractor });
    site.setAttachment(DOCUMENT, {
      fileName: "行动方案.pdf",
      contentType: "application/pdf",
      body: await planPdf(350),
    });
    site.setAttachment(DOCUMENT, {
      fileName: "实施方案.docx",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      body: await buildDocx(PLAN_DOCX),
    });
  });
  afterAll(async () => {
    await crawl?.close();
    await cleanup?.();
    await site?.close();
  });

  it("extracts the targets of a PDF and a DOCX attachment with provenance in their text", async () => {
    const summary = await once();
    expect(summary.ok).toBe(true);
    const files = await attachmentsOf(site.documentUrl(DOCUMENT));
    expect(files.map((f) => [f.name, f.kind, f.warning]).sort()).toEqual([
      ["实施方案.docx", "docx", null],
      ["行动方案.pdf", "pdf", null],
    ]);
    const pdf = files.find((f) => f.kind === "pdf")!;
    const docx = files.find((f) => f.kind === "docx")!;

    const metaverse = (await listCurrentTargets(db, { track: "metaverse" })).find(
      (t) => t.document.url === site.documentUrl(DOCUMENT),
    );
    expect(metaverse).toMatchObject({
      key: "metaverse/industry-scale",
      comparator: ">",
      value: 350_000_000_000,
      unit: "CNY",
      year: 2025,
      attachmentId: pdf.id,
    });
    expect(pdf.text.slice(metaverse!.spanStart, metaverse!.spanEnd)).toBe(metaverse!.sentence);
    expect(metaverse!.sentence).toContain("exceed 350 billion yuan");

    const green = (await listCurrentTargets(db, { track: "green-low-carbon" })).find(
      (t) => t.document.url === site.documentUrl(DOCUMENT) && t.attachmentId === docx.id,
    );
    expect(green).toMatchObject({ value: 500_000_000_000, year: 2025, unit: "CNY" });
    expect(docx.text.slice(green!.spanStart, green!.spanEnd)).toBe(green!.sentence);
  });

  it("re-crawling unchanged attachments records nothing", async () => {
    const summary = await once();
    expect(summary.changes).toEqual([]);
    expect(summary.newDocuments + summary.changedDocuments).toBe(0);
  });

  it("a changed attachment is a changed document: the target-changed change, nothing else", async () => {
    site.setAttachment(DOCUMENT, {
      fileName: "行动方案.pdf",
      contentType: "application/pdf",
      body: await planPdf(400),
    });
    const summary = await once();
    expect(summary.changedDocuments).toBe(1);
    const changes = summary.changes.filter((c) => c.kind !== "document-metadata-changed");
    expect(changes.map((c) => `${c.kind} ${c.key}`)).toEqual(["target-changed metaverse/industry-scale"]);
    const change = (await db.select().from(schema.changes)).find((c) => c.id === changes[0]!.id);
    expect(change!.before).toMatchObject({ value: 350_000_000_000 });
    expect(change!.after).toMatchObject({ value: 400_000_000_000 });
    expect(change!.sentence).toContain("exceed 400 billion yuan");
  });

  it("a scanned PDF without a text layer is a warning, never removed targets", async () => {
    site.setAttachment(DOCUMENT, {
      fileName: "行动方案.pdf",
      contentType: "application/pdf",
      body: await buildScannedPdf(),
    });
    const summary = await once();
    expect(summary.changedDocuments).toBe(1);
    expect(summary.changes.filter((c) => c.kind.endsWith("-removed"))).toEqual([]);
    const files = await attachmentsOf(site.documentUrl(DOCUMENT));
    expect(files.find((f) => f.kind === "pdf")).toMatchObject({
      text: "",
      warning: "attachment 行动方案.pdf has no text layer",
    });
    const doc = await documentAt(site.documentUrl(DOCUMENT));
    const latest = (await db.select().from(schema.extractions))
      .filter((e) => e.documentId === doc.id)
      .sort((a, b) => b.id - a.id)[0];
    expect(latest!.warnings).toContain("attachment 行动方案.pdf has no text layer");
    // The previous good state holds: the figure read from the last readable version is still current.
    const metaverse = (await listCurrentTargets(db, { track: "metaverse" })).find(
      (t) => t.document.id === doc.id,
    );
    expect(metaverse).toMatchObject({ key: "metaverse/industry-scale", value: 400_000_000_000 });
  });
});
