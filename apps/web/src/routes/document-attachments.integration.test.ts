import { createHash } from "node:crypto";
import {
  type Db,
  listSnapshotAttachments,
  recordAttachments,
  recordDocumentSeen,
  recordExtraction,
  recordSnapshot,
  syncSources,
} from "@trackwatch/db";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extraction } from "../../test/seed.ts";
import { createClient, createTestApp, openTestDb, type TestApp } from "../../test/test-app.ts";

const PDF_URL = "https://example.gov.cn/files/plan.pdf";
const SENTENCE = `By 2025 the metaverse industry scale will exceed 350 billion yuan <b>bold</b>.`;
const PDF_TEXT = `Shanghai Metaverse Action Plan\n${SENTENCE}\nAnnex ends.`;

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;
let documentId: number;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  await syncSources(db, {
    sources: [{ id: "att-source", name: "Att source", definition: { id: "att-source" } }],
  });
  const doc = await recordDocumentSeen(db, {
    sourceId: "att-source",
    url: "https://example.gov.cn/notice.html",
    title: "Notice",
  });
  documentId = doc.id;
  const body = "<html><body>notice</body></html>";
  const snapshot = await recordSnapshot(db, {
    documentId,
    sha256: createHash("sha256").update(body).digest("hex"),
    textSha256: null,
    httpStatus: 200,
    contentType: "text/html",
    etag: null,
    lastModified: null,
    charset: "utf-8",
    byteSize: body.length,
    body,
  });
  await recordAttachments(db, {
    snapshotId: snapshot.id,
    attachments: [
      {
        url: PDF_URL,
        name: "行动方案.pdf",
        kind: "pdf",
        sha256: "a",
        byteSize: 10,
        text: PDF_TEXT,
        warning: null,
      },
      {
        url: "https://example.gov.cn/files/scan.pdf",
        name: "扫描件.pdf",
        kind: "pdf",
        sha256: "b",
        byteSize: 10,
        text: "",
        warning: "attachment 扫描件.pdf has no text layer",
      },
    ],
  });
  const [pdf] = await listSnapshotAttachments(db, { snapshotId: snapshot.id });
  const base = extraction(350_000_000_000);
  const start = PDF_TEXT.indexOf(SENTENCE);
  await recordExtraction(db, {
    snapshotId: snapshot.id,
    documentId,
    extraction: {
      ...base,
      targets: [
        { ...base.targets[0]!, text: SENTENCE, span: [start, start + SENTENCE.length], attachment: PDF_URL },
      ],
    },
    attachments: new Map([[PDF_URL, pdf!.id]]),
  });
  t = await createTestApp(db);
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

describe("document page with attachments", () => {
  it("shows the attachment's text with the target's sentence highlighted, and a text-less file's warning", async () => {
    const response = await createClient(t.app).request(`/documents/${documentId}`);
    expect(response.status).toBe(200);
    const $ = load(await response.text());
    const sections = $("section.attachment");
    expect(sections.length).toBe(2);
    const pdf = sections.first();
    expect(pdf.find("h3 a").attr("href")).toBe(PDF_URL);
    expect(pdf.find("mark#t-0").text()).toBe(SENTENCE);
    expect(pdf.find("b").length).toBe(0);
    expect($('a[href="#t-0"]').text()).toBe(SENTENCE);
    expect(sections.last().text()).toContain("has no text layer");
  });
});
