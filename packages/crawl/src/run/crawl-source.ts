import { setImmediate as yieldToNextTurn } from "node:timers/promises";
import {
  type AttachmentInput,
  type AttachmentRow,
  type CrawlState,
  type Db,
  findUrlState,
  finishCrawlRun,
  getSnapshotForExtraction,
  listCurrentAttachments,
  listRunHistory,
  listSnapshotAttachments,
  listUnlistedDocuments,
  recordAttachments,
  recordDocumentGone,
  recordDocumentSeen,
  recordNewDocument,
  recordSnapshot,
  recordSourceHealth,
  recordUrlState,
  recordUrlUnchanged,
  startCrawlRun,
} from "@trackwatch/db";
import type { CrawlRunError } from "@trackwatch/db/schema";
import { extractPolicy } from "@trackwatch/policy";
import { extractAttachmentText } from "../attachments/extract-attachment-text.ts";
import { type AttachmentLink, findAttachmentLinks } from "../attachments/find-attachment-links.ts";
import { decodeBody } from "../charset/decode-body.ts";
import type { FetchResult } from "../fetch/fetch-result.ts";
import { assessRunHealth, type RunHealth, runSignalsOf } from "../health/assess-run-health.ts";
import { DEFAULT_SPACING_MS } from "../politeness/create-politeness.ts";
import { HostDeferredError } from "../politeness/host-deferred-error.ts";
import type { Source } from "../sources/source-schema.ts";
import type { CrawlFetcher, CrawlPoliteness, CrawlRenderer, CrawlRobots } from "./crawl-deps.ts";
import { crawlListPages, type ListFetch, parseListPage } from "./crawl-list-pages.ts";
import { type CrawlStateReader, createCrawlStateReader } from "./crawl-state-reader.ts";
import { createCrawlWriteBuffer } from "./crawl-write-buffer.ts";
import { detectErrorPage } from "./detect-error-page.ts";
import { createHostLanes } from "./host-lane.ts";
import { createListPageCache, type ListPageCache } from "./list-page-cache.ts";
import { mainTextOf, readMainText, sha256Hex } from "./main-text-sha256.ts";
import { mapConcurrent } from "./map-concurrent.ts";

export type DetailOutcome = "new" | "changed" | "not-modified" | "unchanged" | "failed";

export interface CrawlProgress {
  phase: "lists" | "details" | "done";
  listPages: number;
  linksFound: number;
  detailsDone: number;
  lastUrl: string | null;
  lastOutcome: DetailOutcome | null;
}

export interface CrawlSourceInput {
  db: Db;
  fetcher: CrawlFetcher;
  politeness: CrawlPoliteness;
  robots: CrawlRobots;
  /** Needed for `render: browser` sources. */
  renderer?: CrawlRenderer | null;
  source: Source;
  trigger: "schedule" | "manual" | "once";
  requestedBy?: string | null;
  jobId?: string | null;
  /** Detail pages fetched at once (config CRAWL_CONCURRENCY); politeness still serializes per host. */
  concurrency?: number;
  /** Used when the source has no spacingMs. */
  defaultSpacingMs?: number;
  /** A new or changed document version was stored; the pipeline enqueues its extraction. */
  onSnapshot(
    snapshotId: number,
    info: { documentId: number; url: string; kind: "new" | "changed" },
  ): Promise<void> | void;
  /** A document answered 404/410 on the second consecutive run. */
  onRemoved?(documentId: number, url: string): Promise<void> | void;
  onProgress?(progress: CrawlProgress): void;
  /** The source turned unhealthy or recovered after this run (once per flip): the operator is alerted. */
  onHealthChange?(change: SourceHealthChange): Promise<void> | void;
  /** Remembers list pages' links for conditional GETs; a worker passes one for all its runs. */
  listCache?: ListPageCache;
  signal?: AbortSignal;
}

export interface SourceHealthChange {
  sourceId: string;
  sourceName: string;
  health: "healthy" | "unhealthy";
  reason: string | null;
  changedAt: Date;
  runId: number;
}

export interface CrawlRunSummary {
  runId: number;
  sourceId: string;
  status: "succeeded" | "failed";
  /** Why the whole run failed (a list page), or null. */
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
  listPages: number;
  linksFound: number;
  pagesFetched: number;
  notModified: number;
  unchanged: number;
  newDocuments: number;
  changed: number;
  failed: number;
  removed: number;
  bytes: number;
  errors: CrawlRunError[];
  snapshotIds: number[];
  /** The health check's verdict on this run; null for a failed run (which leaves health as it was). */
  health: RunHealth | null;
}

const MAX_RECORDED_ERRORS = 200;
/** Plans published as PDF run larger than pages; still capped so one file cannot exhaust memory. */
const ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024;
/** New or changed pages per run read by the extractor for the health check's "no targets" signal. */
const TARGET_SAMPLE_PAGES = 10;
/**
 * Known documents no list showed that a run re-checks at their own URL: a withdrawn announcement
 * drops off its list, and only its URL can say that it is gone. A few per run keeps this cheap.
 */
export const RECHECK_UNLISTED_PER_RUN = 5;

// Used when the caller passes no cache: shared by the runs of this process, bounded.
const processListCache = createListPageCache();

/**
 * One crawl of one source: list pages → announcement links → detail pages, storing a snapshot only
 * for new or changed content (304, then raw-body hash, then main-text hash). Every run is a
 * crawl_runs row. A broken detail page is recorded and skipped; a broken list page fails the run
 * (status "failed" with the reason; the summary is returned, not thrown).
 */
export async function crawlSource(input: CrawlSourceInput): Promise<CrawlRunSummary> {
  const { db, source } = input;
  const spacingMs = source.spacingMs ?? input.defaultSpacingMs ?? DEFAULT_SPACING_MS;
  const listCache = input.listCache ?? processListCache;
  const lanes = createHostLanes(input.politeness, spacingMs);
  const delayedLane = (crawlDelayMs: number) =>
    createHostLanes(input.politeness, Math.max(spacingMs, crawlDelayMs));
  const run = await startCrawlRun(db, {
    sourceId: source.id,
    trigger: input.trigger,
    requestedBy: input.requestedBy ?? null,
    jobId: input.jobId ?? null,
  });
  const summary: CrawlRunSummary = {
    runId: run.id,
    sourceId: source.id,
    status: "succeeded",
    error: null,
    startedAt: run.startedAt,
    finishedAt: run.startedAt,
    listPages: 0,
    linksFound: 0,
    pagesFetched: 0,
    notModified: 0,
    unchanged: 0,
    newDocuments: 0,
    changed: 0,
    failed: 0,
    removed: 0,
    bytes: 0,
    errors: [],
    snapshotIds: [],
    health: null,
  };
  // 404/410 answers are applied after the health check: a redesigned or broken site removes nothing.
  const gone: string[] = [];
  const charsets: Record<string, number> = {};
  let withoutMainText = 0;
  const targetSample = { pages: 0, withTargets: 0 };
  const progress: CrawlProgress = {
    phase: "lists",
    listPages: 0,
    linksFound: 0,
    detailsDone: 0,
    lastUrl: null,
    lastOutcome: null,
  };
  const report = () => input.onProgress?.({ ...progress });
  // Per-page bookkeeping goes out in batches, and the pages' states come in a chunk at a time.
  const writes = createCrawlWriteBuffer(db);
  let states: CrawlStateReader = createCrawlStateReader(db, []);
  let bookkeepingSaved = true;
  const flushWrites = async (): Promise<boolean> => {
    try {
      await writes.flush();
      return true;
    } catch (error) {
      // Only costs refetches next run; but a "seen" mark may be lost, so no removal is decided on it.
      bookkeepingSaved = false;
      recordError({
        url: source.list[0] ?? source.id,
        message: `crawl state not saved: ${(error as Error).message}`,
        kind: "internal",
      });
      return false;
    }
  };
  const recordError = (error: CrawlRunError) => {
    if (summary.errors.length < MAX_RECORDED_ERRORS) summary.errors.push(error);
  };

  /** robots.txt, then the host's politeness slot, then the fetch. */
  const politeFetch = async (
    url: string,
    validators: { etag?: string | null; lastModified?: string | null },
    maxBytes?: number,
  ) => {
    const verdict = await input.robots.check(url, source.allow);
    if (!verdict.allowed)
      return { robotsBlocked: verdict.detail ?? `disallowed by ${verdict.robotsUrl}` } as const;
    // A robots.txt Crawl-delay turns batching off for that run, as any spacing does.
    const lane = verdict.crawlDelayMs ? delayedLane(verdict.crawlDelayMs) : lanes;
    const result: FetchResult = await lane(url, () =>
      input.fetcher.fetchPage(url, {
        allow: source.allow,
        ...validators,
        signal: input.signal,
        ...(maxBytes ? { maxBytes } : {}),
      }),
    );
    summary.pagesFetched += 1;
    if (result.ok) summary.bytes += result.transferredBytes;
    return { result } as const;
  };

  /** A list page built by JavaScript: the browser loads it, under the same robots and politeness. */
  const renderList = async (url: string): Promise<ListFetch> => {
    const renderer = input.renderer;
    if (!renderer)
      return { ok: false, message: `source ${source.id} has render: browser but no browser is configured` };
    const verdict = await input.robots.check(url, source.allow);
    if (!verdict.allowed)
      return { ok: false, message: `blocked by robots.txt: ${verdict.detail ?? verdict.robotsUrl}` };
    const spacing = Math.max(spacingMs, verdict.crawlDelayMs ?? 0);
    try {
      const page = await input.politeness.schedule(url, { spacingMs: spacing }, () =>
        renderer.render(url, { allow: source.allow, waitFor: source.links, signal: input.signal }),
      );
      summary.pagesFetched += 1;
      if (page.status !== null && page.status >= 400)
        return { ok: false, message: `HTTP ${page.status} in the browser` };
      return { ok: true, ...parseListPage(page.html, page.url, source) };
    } catch (error) {
      return { ok: false, message: `browser: ${(error as Error).message}` };
    }
  };

  let failure: unknown = null;
  try {
    const lists = await crawlListPages({
      source,
      signal: input.signal,
      fetchList: async (url) => {
        if (source.render === "browser") return renderList(url);
        const cacheKey = `${source.id}\n${source.links ?? ""}\n${source.next ?? ""}\n${url}`;
        const cached = listCache.get(cacheKey);
        const fetched = await politeFetch(
          url,
          cached ? { etag: cached.etag, lastModified: cached.lastModified } : {},
        );
        if ("robotsBlocked" in fetched)
          return { ok: false, message: `blocked by robots.txt: ${fetched.robotsBlocked}` };
        const result = fetched.result;
        if (!result.ok) return { ok: false, message: `${result.message} (${result.kind})` };
        if (result.notModified && cached) {
          summary.notModified += 1;
          return { ok: true, links: cached.links, next: cached.next };
        }
        const html = decodeBody(result.bytes, result.contentType).text;
        // A maintenance or "not found" page served with 200 must fail the run, not look like an empty list.
        const errorPage = detectErrorPage({ html, mainText: "" });
        if (errorPage) return { ok: false, message: errorPage };
        const parsed = parseListPage(html, result.url, source);
        if (result.etag || result.lastModified) {
          listCache.set(cacheKey, { etag: result.etag, lastModified: result.lastModified, ...parsed });
        }
        return { ok: true, ...parsed };
      },
      onPage: () => {
        progress.listPages += 1;
        report();
      },
    });
    summary.listPages = lists.pages;
    summary.linksFound = lists.links.length;
    progress.linksFound = lists.links.length;
    if (lists.error) {
      summary.status = "failed";
      summary.error = lists.error;
    } else {
      progress.phase = "details";
      report();
      states = createCrawlStateReader(
        db,
        lists.links.map((link) => link.url),
      );
      await mapConcurrent(lists.links, Math.max(1, input.concurrency ?? 4), async (link) => {
        if (input.signal?.aborted) return;
        let outcome: DetailOutcome;
        try {
          outcome = await crawlDetail(link.url, link.title);
        } catch (error) {
          // A deferred host or a database/callback error on one page is recorded like a fetch failure.
          outcome = "failed";
          summary.failed += 1;
          const kind = error instanceof HostDeferredError ? "deferred" : "internal";
          recordError({ url: link.url, message: (error as Error).message, kind });
        }
        progress.detailsDone += 1;
        progress.lastUrl = link.url;
        progress.lastOutcome = outcome;
        report();
      });
      if (input.signal?.aborted) {
        summary.status = "failed";
        summary.error = "crawl aborted before all detail pages were fetched";
      } else {
        await recheckUnlisted(new Set(lists.links.map((link) => link.url)));
      }
    }
  } catch (error) {
    failure = error;
    summary.status = "failed";
    summary.error = `crawl stopped: ${(error as Error).message}`;
  }

  await flushWrites();

  if (summary.status === "succeeded") {
    // The baseline is the recent healthy runs: broken runs must not become the new normal, unless
    // nothing else is left in the last 20 (a site that really shrank stops alerting eventually).
    const recent = await listRunHistory(db, { sourceId: source.id, beforeRunId: run.id, limit: 20 });
    const healthy = recent.filter((r) => r.stats.health !== "unhealthy");
    const history = (healthy.length > 0 ? healthy : recent).slice(0, 5);
    summary.health = assessRunHealth(
      { linksFound: summary.linksFound, charsets, withoutMainText, targetSample },
      history.map(runSignalsOf),
    );
  }
  if (summary.health?.health === "healthy" && bookkeepingSaved) {
    for (const url of gone) {
      const marked = await recordDocumentGone(db, { url });
      if (marked?.removedNow) {
        summary.removed += 1;
        await input.onRemoved?.(marked.id, url);
      }
    }
  }
  summary.finishedAt = new Date();
  await finishCrawlRun(db, {
    id: run.id,
    status: summary.status,
    error: summary.error,
    errors: summary.errors,
    linksFound: summary.linksFound,
    pagesFetched: summary.pagesFetched,
    notModified: summary.notModified,
    unchanged: summary.unchanged,
    newDocuments: summary.newDocuments,
    changed: summary.changed,
    failed: summary.failed,
    bytes: summary.bytes,
    stats: {
      listPages: summary.listPages,
      charsets,
      withoutMainText,
      removed: summary.removed,
      targetSample,
      health: summary.health?.health ?? null,
      healthReason: summary.health?.reason ?? null,
    },
  });
  if (summary.health) {
    const flip = await recordSourceHealth(db, {
      sourceId: source.id,
      health: summary.health.health,
      reason: summary.health.reason,
    });
    if (flip.changed && flip.changedAt) {
      await input.onHealthChange?.({
        sourceId: source.id,
        sourceName: source.name,
        health: summary.health.health,
        reason: summary.health.reason,
        changedAt: flip.changedAt,
        runId: run.id,
      });
    }
  }
  progress.phase = "done";
  report();
  if (failure) throw failure;
  return summary;

  async function crawlDetail(
    url: string,
    title: string,
    known?: CrawlState,
    fresh = false,
  ): Promise<DetailOutcome> {
    const crawlState = known ?? (await states.get(url));
    const state = crawlState.urlState;
    const fetched = await politeFetch(
      url,
      fresh ? {} : { etag: state?.etag ?? null, lastModified: state?.lastModified ?? null },
    );
    if ("robotsBlocked" in fetched) {
      summary.failed += 1;
      recordError({ url, message: `blocked by robots.txt: ${fetched.robotsBlocked}`, kind: "robots" });
      return "failed";
    }
    // The host's next request is written on the event loop's next turn (undici reuses a socket only
    // then): let it go out before this page's parsing and storing hold the thread.
    await yieldToNextTurn();
    const result = fetched.result;
    if (!result.ok) {
      summary.failed += 1;
      recordError({ url, message: result.message, kind: result.kind });
      // Only a definite "gone" counts towards removal; timeouts, 5xx and blocks never do.
      if (result.status === 404 || result.status === 410) gone.push(url);
      await writes.urlState({ url, sourceId: source.id, lastStatus: result.status ?? 0 });
      return "failed";
    }
    const validators = { etag: result.etag, lastModified: result.lastModified };
    // A stored version without attachments: nothing to re-check, the bookkeeping can wait for its batch.
    const storedPlain = crawlState.document?.currentSnapshotId != null && !crawlState.document.hasAttachments;
    if (result.notModified) {
      if (storedPlain) {
        await writes.unchanged({ url, sourceId: source.id, lastStatus: 304, ...validators });
        summary.notModified += 1;
        return "not-modified";
      }
      if (await recordUrlUnchanged(db, { url, sourceId: source.id, lastStatus: 304, ...validators })) {
        if (await storeChangedAttachments(url, title)) return "changed";
        summary.notModified += 1;
        return "not-modified";
      }
      // Validators without a stored version (rows deleted by hand): fetch afresh, unconditionally.
      return crawlDetail(url, title, crawlState, true);
    }
    if (state?.bodySha256 && state.bodySha256 === result.bodySha256) {
      if (storedPlain) {
        await writes.unchanged({ url, sourceId: source.id, lastStatus: result.status, ...validators });
        summary.unchanged += 1;
        return "unchanged";
      }
      if (
        await recordUrlUnchanged(db, { url, sourceId: source.id, lastStatus: result.status, ...validators })
      ) {
        if (await storeChangedAttachments(url, title)) return "changed";
        summary.unchanged += 1;
        return "unchanged";
      }
    }
    const decoded = decodeBody(result.bytes, result.contentType);
    charsets[decoded.charset] = (charsets[decoded.charset] ?? 0) + 1;
    // The page is still read (the decoder picked what fits the bytes), but the operator sees why.
    if (decoded.warnings.length > 0)
      recordError({ url, message: `charset: ${decoded.warnings.join("; ")}`, kind: "charset" });
    const main = readMainText(decoded.text);
    const mainText = main.text;
    const errorPage = detectErrorPage({ html: decoded.text, mainText });
    if (errorPage) {
      summary.failed += 1;
      recordError({ url, message: errorPage, kind: "error-page" });
      await writes.urlState({ url, sourceId: source.id, lastStatus: result.status });
      return "failed";
    }
    if (!mainText) withoutMainText += 1;
    // A URL without a document when the run read its state is stored with its version in one go below.
    let doc = crawlState.document ? await recordDocumentSeen(db, { sourceId: source.id, url, title }) : null;
    const currentSnapshotId = doc?.currentSnapshotId ?? null;
    // The page parsed for its main text is the one searched for attachment links.
    const links = findAttachmentLinks(main.$ ?? decoded.text, result.url, source.allow);
    // The version read with the run's states had no attachments: no need to ask again.
    const knownWithoutFiles =
      crawlState.document?.currentSnapshotId === currentSnapshotId && !crawlState.document?.hasAttachments;
    const previousFiles =
      currentSnapshotId && !knownWithoutFiles
        ? await listSnapshotAttachments(db, { snapshotId: currentSnapshotId })
        : [];
    const files = await fetchAttachments(links, previousFiles);
    // A changed attachment is a changed document: the version's identity covers the files' hashes.
    const textSha256 = files.length
      ? sha256Hex([mainText, ...files.map((f) => f.sha256)].join("\n"))
      : sha256Hex(mainText);
    const fullState = {
      url,
      sourceId: source.id,
      lastStatus: result.status,
      ...validators,
      bodySha256: result.bodySha256,
      textSha256,
      charset: decoded.charset,
    };
    if (currentSnapshotId !== null && state?.textSha256 === textSha256) {
      summary.unchanged += 1;
      await writes.urlState(fullState);
      return "unchanged";
    }
    if (currentSnapshotId !== null) {
      // A page that answers differently on every request (a load balancer over two CMS versions)
      // must not record a change each run: a changed text counts only if a second fetch agrees.
      const unconfirmed = await confirmChange(url, textSha256, files);
      if (unconfirmed) {
        summary.failed += 1;
        recordError({ url, message: unconfirmed, kind: "unstable" });
        return "failed";
      }
    }
    const bodySha256 = result.bodySha256 ?? sha256Hex(decoded.text);
    const version = {
      sha256: files.length ? sha256Hex([bodySha256, ...files.map((f) => f.sha256)].join("\n")) : bodySha256,
      textSha256,
      httpStatus: result.status,
      contentType: result.contentType,
      etag: result.etag,
      lastModified: result.lastModified,
      charset: decoded.charset,
      byteSize: result.bytes.byteLength,
      body: decoded.text,
    };
    let snapshot: { id: number; previousSnapshotId: number | null } | null = null;
    let documentId = doc?.id ?? 0;
    if (!doc) {
      const stored = await recordNewDocument(db, { sourceId: source.id, url, title, snapshot: version });
      if (stored) {
        snapshot = { id: stored.snapshotId, previousSnapshotId: null };
        documentId = stored.documentId;
      }
    }
    if (!snapshot) {
      // Known document, or one another run stored since this run read its state.
      doc ??= await recordDocumentSeen(db, { sourceId: source.id, url, title });
      documentId = doc.id;
      snapshot = await recordSnapshot(db, { documentId, ...version });
    }
    await recordAttachments(db, { snapshotId: snapshot.id, attachments: files });
    if (snapshot.previousSnapshotId === snapshot.id) {
      // Already the current version, yet the url state said otherwise: the run that stored it died or
      // failed to hand it off before the url state moved on. Hand it off again; extracting a snapshot
      // twice writes nothing the second time.
      await input.onSnapshot(snapshot.id, { documentId, url, kind: "changed" });
      summary.unchanged += 1;
      await writes.urlState(fullState);
      return "unchanged";
    }
    const kind = snapshot.previousSnapshotId === null ? "new" : "changed";
    if (targetSample.pages < TARGET_SAMPLE_PAGES) {
      // A bounded sample: the extract step reads every page; this only feeds the health check.
      const read = extractPolicy(decoded.text, { url, attachments: files });
      targetSample.pages += 1;
      if (read.targets.length > 0) targetSample.withTargets += 1;
    }
    // The url state moves on only after the hand-off succeeded: if onSnapshot throws, the next run
    // sees a different body again, finds the same snapshot current and hands it off again (above).
    await input.onSnapshot(snapshot.id, { documentId, url, kind });
    await writes.urlState(fullState);
    summary.snapshotIds.push(snapshot.id);
    if (kind === "new") summary.newDocuments += 1;
    else summary.changed += 1;
    return kind;
  }

  /**
   * A few of the source's documents that no list showed in this run, each fetched at its own URL like
   * a listed page (conditional GET): a page that answers is seen again, one that answers 404/410
   * counts towards removal. Those already gone once come first, so two runs in a row decide.
   */
  async function recheckUnlisted(listed: ReadonlySet<string>): Promise<void> {
    // Listed pages seen in this run must be marked seen before "not seen since the run began" is asked.
    if (!(await flushWrites())) return;
    const candidates = await listUnlistedDocuments(db, {
      sourceId: source.id,
      notSeenSince: run.startedAt,
      // Listed pages that failed this run were not seen either; they are skipped below.
      limit: RECHECK_UNLISTED_PER_RUN + Math.min(summary.failed, 100),
    });
    for (const doc of candidates.filter((d) => !listed.has(d.url)).slice(0, RECHECK_UNLISTED_PER_RUN)) {
      if (input.signal?.aborted) return;
      try {
        await crawlDetail(doc.url, doc.title ?? "");
      } catch (error) {
        summary.failed += 1;
        const kind = error instanceof HostDeferredError ? "deferred" : "internal";
        recordError({ url: doc.url, message: (error as Error).message, kind });
      }
    }
  }

  /**
   * Fetches a changed page once more, unconditionally, and compares its main text (with the same
   * attachments) with the first fetch's. Returns why the change is not confirmed, or null.
   */
  async function confirmChange(
    url: string,
    textSha256: string,
    files: readonly AttachmentInput[],
  ): Promise<string | null> {
    const again = await politeFetch(url, {});
    if ("robotsBlocked" in again)
      return `change not confirmed: blocked by robots.txt: ${again.robotsBlocked}`;
    if (!again.result.ok) return `change not confirmed: the second fetch failed: ${again.result.message}`;
    if (again.result.notModified) return "change not confirmed: the second fetch answered 304";
    const html = decodeBody(again.result.bytes, again.result.contentType).text;
    const mainText = mainTextOf(html);
    if (detectErrorPage({ html, mainText })) return "change not confirmed: the second fetch is an error page";
    const hash = files.length
      ? sha256Hex([mainText, ...files.map((f) => f.sha256)].join("\n"))
      : sha256Hex(mainText);
    return hash === textSha256
      ? null
      : "content differs between two fetches in a row (the page alternates); change not recorded";
  }

  /**
   * The attachments linked from a detail page, each through the same robots, politeness and size
   * cap, conditionally against its own url state. A file that did not change (304, same bytes) or
   * could not be fetched keeps its previous version: a failed fetch is no new text.
   */
  async function fetchAttachments(
    links: readonly AttachmentLink[],
    previous: readonly AttachmentRow[],
  ): Promise<AttachmentInput[]> {
    const files: AttachmentInput[] = [];
    for (const link of links) {
      const before = previous.find((p) => p.url === link.url) ?? null;
      const state = before ? await findUrlState(db, { url: link.url }) : null;
      const fetched = await politeFetch(
        link.url,
        state ? { etag: state.etag, lastModified: state.lastModified } : {},
        ATTACHMENT_MAX_BYTES,
      );
      const keep = before ? toInput(before) : null;
      if ("robotsBlocked" in fetched || !fetched.result.ok) {
        const message =
          "robotsBlocked" in fetched
            ? `blocked by robots.txt: ${fetched.robotsBlocked}`
            : (fetched.result as { message: string }).message;
        recordError({ url: link.url, message: `attachment: ${message}`, kind: "attachment" });
        files.push(
          keep ?? {
            url: link.url,
            name: link.name,
            kind: link.kind,
            sha256: `unfetched:${sha256Hex(message)}`,
            byteSize: 0,
            text: "",
            warning: `attachment ${link.name} could not be fetched: ${message}`,
          },
        );
        continue;
      }
      const result = fetched.result;
      if (result.notModified && keep) {
        files.push(keep);
        continue;
      }
      const bodySha256 = result.bodySha256 ?? sha256Hex(Buffer.from(result.bytes).toString("latin1"));
      if (keep && keep.sha256 === bodySha256) {
        files.push(keep);
      } else {
        const read = await extractAttachmentText(link.kind, result.bytes, link.name);
        files.push({
          url: link.url,
          name: link.name,
          kind: link.kind,
          sha256: bodySha256,
          byteSize: result.bytes.byteLength,
          text: read.text,
          warning: read.warning,
        });
      }
      await recordUrlState(db, {
        url: link.url,
        sourceId: source.id,
        lastStatus: result.status,
        etag: result.etag,
        lastModified: result.lastModified,
        bodySha256,
      });
    }
    return files;
  }

  /**
   * A page whose body did not change may still have a changed attachment: re-check the files of its
   * current version and store a new version (same body, new files) when one differs.
   */
  async function storeChangedAttachments(url: string, title: string): Promise<boolean> {
    const previous = await listCurrentAttachments(db, { url });
    if (previous.length === 0) return false;
    const files = await fetchAttachments(
      previous.map((p) => ({ url: p.url, name: p.name ?? p.url, kind: p.kind })),
      previous,
    );
    if (files.every((f, i) => f.sha256 === previous[i]?.sha256)) return false;
    const doc = await recordDocumentSeen(db, { sourceId: source.id, url, title });
    const current = await getSnapshotForExtraction(db, { snapshotId: previous[0]!.snapshotId });
    const state = await findUrlState(db, { url });
    const body = current.snapshot.body;
    const mainText = mainTextOf(body);
    const hashes = files.map((f) => f.sha256);
    const textSha256 = sha256Hex([mainText, ...hashes].join("\n"));
    const snapshot = await recordSnapshot(db, {
      documentId: doc.id,
      sha256: sha256Hex([state?.bodySha256 ?? sha256Hex(body), ...hashes].join("\n")),
      textSha256,
      httpStatus: current.snapshot.httpStatus,
      contentType: current.snapshot.contentType,
      etag: state?.etag ?? null,
      lastModified: state?.lastModified ?? null,
      charset: state?.charset ?? null,
      byteSize: Buffer.byteLength(body),
      body,
    });
    await recordAttachments(db, { snapshotId: snapshot.id, attachments: files });
    if (snapshot.previousSnapshotId === snapshot.id) return false;
    await input.onSnapshot(snapshot.id, { documentId: doc.id, url, kind: "changed" });
    await recordUrlState(db, {
      url,
      sourceId: source.id,
      lastStatus: current.snapshot.httpStatus,
      textSha256,
    });
    summary.snapshotIds.push(snapshot.id);
    summary.changed += 1;
    return true;
  }
}

function toInput(row: AttachmentRow): AttachmentInput {
  return {
    url: row.url,
    name: row.name,
    kind: row.kind,
    sha256: row.sha256,
    byteSize: row.byteSize,
    text: row.text,
    warning: row.warning,
  };
}
