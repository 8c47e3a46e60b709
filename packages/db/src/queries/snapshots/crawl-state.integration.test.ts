import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../create-db.ts";
import { createTestDb, ENGINES } from "../../testing/create-test-db.ts";
import { finishCrawlRun } from "../crawl-runs/finish-crawl-run.ts";
import { getCrawlRun } from "../crawl-runs/get-crawl-run.ts";
import { startCrawlRun } from "../crawl-runs/start-crawl-run.ts";
import { recordDocumentGone } from "../documents/record-document-gone.ts";
import { recordDocumentSeen } from "../documents/record-document-seen.ts";
import { getSource } from "../sources/get-source.ts";
import { syncSources } from "../sources/sync-sources.ts";
import { findUrlState } from "../url-states/find-url-state.ts";
import { recordUrlState } from "../url-states/record-url-state.ts";
import { recordUrlUnchanged } from "../url-states/record-url-unchanged.ts";
import { recordSnapshot } from "./record-snapshot.ts";

describe.each(ENGINES)("crawl-side queries (%s)", (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDb(engine);
    await syncSources(database.db, {
      sources: [
        { id: "a", name: "A", definition: { id: "a" } },
        { id: "b", name: "B", definition: { id: "b" } },
      ],
    });
  });
  afterAll(() => database.close());

  const snapshot = (documentId: number, sha256: string) => ({
    documentId,
    sha256,
    textSha256: `t-${sha256}`,
    httpStatus: 200,
    contentType: "text/html",
    etag: null,
    lastModified: null,
    charset: "utf-8",
    byteSize: 10,
    body: `<p>${sha256}</p>`,
  });

  it("syncs sources and disables the ones no longer in the file", async () => {
    const result = await syncSources(database.db, {
      sources: [{ id: "a", name: "A renamed", issuer: "上海市", definition: { id: "a", v: 2 } }],
    });
    expect(result.disabled).toEqual(["b"]);
    expect(await getSource(database.db, { id: "a" })).toMatchObject({ name: "A renamed", enabled: 1 });
    expect((await getSource(database.db, { id: "b" })).enabled).toBe(0);
    await expect(getSource(database.db, { id: "zzz" })).rejects.toThrow(/unknown source "zzz"/);
  });

  it("registers a document once and keeps snapshots content-addressed", async () => {
    const url = "http://127.0.0.1/doc-1.html";
    const first = await recordDocumentSeen(database.db, { sourceId: "a", url, title: "标题" });
    expect(first).toMatchObject({ created: true, currentSnapshotId: null });
    const s1 = await recordSnapshot(database.db, snapshot(first.id, "aaa"));
    expect(s1).toMatchObject({ created: true, previousSnapshotId: null });
    const again = await recordDocumentSeen(database.db, { sourceId: "a", url });
    expect(again).toMatchObject({ id: first.id, created: false, currentSnapshotId: s1.id });
    const s2 = await recordSnapshot(database.db, snapshot(first.id, "bbb"));
    expect(s2).toMatchObject({ created: true, previousSnapshotId: s1.id });
    const back = await recordSnapshot(database.db, snapshot(first.id, "aaa"));
    expect(back).toEqual({ id: s1.id, created: false, previousSnapshotId: s2.id });
  });

  it("marks a document removed on the second consecutive gone run, and a success resets it", async () => {
    const url = "http://127.0.0.1/doc-gone.html";
    expect(await recordDocumentGone(database.db, { url })).toBeNull();
    await recordDocumentSeen(database.db, { sourceId: "a", url });
    expect(await recordDocumentGone(database.db, { url })).toMatchObject({ goneCount: 1, removed: false });
    await recordDocumentSeen(database.db, { sourceId: "a", url });
    expect(await recordDocumentGone(database.db, { url })).toMatchObject({ goneCount: 1, removed: false });
    expect(await recordDocumentGone(database.db, { url })).toMatchObject({
      goneCount: 2,
      removedNow: true,
      removed: true,
    });
    expect(await recordDocumentGone(database.db, { url })).toMatchObject({
      goneCount: 3,
      removedNow: false,
      removed: true,
    });
  });

  it("keeps url state fields a 304 does not carry", async () => {
    const url = "http://127.0.0.1/state.html";
    expect(await findUrlState(database.db, { url })).toBeNull();
    await recordUrlState(database.db, {
      url,
      sourceId: "a",
      lastStatus: 200,
      etag: '"e1"',
      bodySha256: "b1",
      textSha256: "t1",
    });
    await recordUrlState(database.db, { url, sourceId: "a", lastStatus: 304 });
    expect(await findUrlState(database.db, { url })).toMatchObject({
      etag: '"e1"',
      bodySha256: "b1",
      textSha256: "t1",
      lastStatus: 304,
    });
    await recordUrlState(database.db, { url, sourceId: "a", lastStatus: 200, etag: null, bodySha256: "b2" });
    expect(await findUrlState(database.db, { url })).toMatchObject({
      etag: null,
      bodySha256: "b2",
      textSha256: "t1",
    });
  });

  it("records an unchanged fetch in one step, only for a stored document", async () => {
    const url = "http://127.0.0.1/unchanged.html";
    const input = { url, sourceId: "a", lastStatus: 304, etag: null, lastModified: null };
    expect(await recordUrlUnchanged(database.db, input)).toBeNull();
    const doc = await recordDocumentSeen(database.db, { sourceId: "a", url });
    expect(await recordUrlUnchanged(database.db, input)).toBeNull();
    const snap = await recordSnapshot(database.db, snapshot(doc.id, "ccc"));
    await recordUrlState(database.db, {
      url,
      sourceId: "a",
      lastStatus: 200,
      etag: '"v1"',
      bodySha256: "ccc",
    });
    await recordDocumentGone(database.db, { url });
    expect(await recordUrlUnchanged(database.db, input)).toEqual({
      documentId: doc.id,
      currentSnapshotId: snap.id,
    });
    expect(await findUrlState(database.db, { url })).toMatchObject({
      etag: '"v1"',
      lastStatus: 304,
      bodySha256: "ccc",
    });
    await recordUrlUnchanged(database.db, { ...input, lastStatus: 200, etag: '"v2"' });
    expect(await findUrlState(database.db, { url })).toMatchObject({ etag: '"v2"', lastStatus: 200 });
    expect((await recordDocumentGone(database.db, { url }))!.goneCount).toBe(1);
  });

  it("opens and closes a crawl run with counters and errors", async () => {
    const run = await startCrawlRun(database.db, { sourceId: "a", trigger: "manual", requestedBy: "admin" });
    expect((await getCrawlRun(database.db, { id: run.id })).status).toBe("running");
    await finishCrawlRun(database.db, {
      id: run.id,
      status: "succeeded",
      linksFound: 3,
      pagesFetched: 4,
      notModified: 1,
      unchanged: 1,
      newDocuments: 1,
      changed: 0,
      failed: 1,
      bytes: 1234,
      errors: [{ url: "http://127.0.0.1/x", message: "HTTP 500", kind: "http-5xx" }],
    });
    const done = await getCrawlRun(database.db, { id: run.id });
    expect(done).toMatchObject({ status: "succeeded", requestedBy: "admin", failed: 1, bytes: 1234 });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(done.errors).toEqual([{ url: "http://127.0.0.1/x", message: "HTTP 500", kind: "http-5xx" }]);
  });
});
