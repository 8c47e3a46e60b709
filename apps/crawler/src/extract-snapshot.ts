import {
  appendChanges,
  type Db,
  type ExtractionInput,
  findLinkCandidates,
  findPreviousExtraction,
  findReportedExtraction,
  getSnapshotForExtraction,
  getSource,
  linkDocument,
  lockLinkKeys,
  type NewChange,
  recordExtraction,
  type StoredExtraction,
} from "@trackwatch/db";
import {
  type ChangeEvent,
  type DocumentLinks,
  type Extraction,
  findRepealedDocNumbers,
  findSuperseded,
  keepUnreadAttachmentItems,
  normalizeDocNumber,
} from "@trackwatch/policy";
import type { Extractor } from "./extractor.ts";

export interface ExtractSnapshotHooks {
  /** Test hook: runs inside the transaction after the extraction rows and before the changes. */
  afterExtractionInsert?: () => void | Promise<void>;
}

export interface ExtractSnapshotInput {
  db: Db;
  extractor: Extractor;
  snapshotId: number;
  hooks?: ExtractSnapshotHooks;
}

export interface ExtractSnapshotResult {
  snapshotId: number;
  documentId: number;
  sourceId: string;
  extractionId: number;
  /** False when this snapshot was already extracted by this version (a retried job): nothing written. */
  created: boolean;
  targets: number;
  rules: number;
  tracks: string[];
  /** The document the changes are reported on (the first location for a copy on another site). */
  reportedDocumentId: number;
  links: DocumentLinks;
  /** What was compared: nothing (a new document), an earlier version, the revised document, or the same snapshot under an older extractor. */
  base: "none" | "previous-version" | "superseded-document" | "other-location" | "older-extractor";
  changes: {
    id: number;
    kind: NewChange["kind"];
    track: string | null;
    key: string | null;
    extractorOnly: boolean;
  }[];
  /** Set when nothing was stored because the page looks like an error or empty page. */
  skipped?: "looks-like-error-page";
}

/**
 * A page that yields nothing where the previous version had targets or rules is more likely an
 * error page, a login wall or a broken template than a policy that dropped every figure: the
 * invariant is that such a fetch never produces "target removed".
 */
function looksLikeFailedPage(extraction: Extraction, previous: ExtractionInput): boolean {
  const hadContent = previous.targets.length + previous.rules.length > 0;
  const hasContent = extraction.targets.length + extraction.rules.length > 0;
  if (!hadContent || hasContent) return false;
  return (
    extraction.text.trim().length < Math.max(200, previous.text.trim().length / 4) ||
    extraction.document.pageType === "list"
  );
}

/** Change events for a document seen for the first time: the document, then each target and rule. */
function additionEvents(extraction: Extraction): ChangeEvent[] {
  const meta = extraction.document;
  const events: ChangeEvent[] = [
    {
      kind: "document-added",
      track: extraction.tracks[0] ?? null,
      key: null,
      metric: null,
      before: null,
      after: {
        title: meta.title,
        issuer: meta.issuer,
        docNumber: meta.docNumber,
        publishedAt: meta.publishedAt,
        tracks: extraction.tracks,
        targets: extraction.targets.length,
        rules: extraction.rules.length,
      },
      fields: [],
      sentence: null,
    },
  ];
  for (const target of extraction.targets) {
    const { text, span: _span, ...after } = target;
    events.push({
      kind: "target-added",
      track: target.track,
      key: target.key,
      metric: target.metric,
      before: null,
      after: { ...after },
      fields: [],
      sentence: text,
    });
  }
  for (const rule of extraction.rules) {
    const { text, span: _span, ...after } = rule;
    events.push({
      kind: "rule-added",
      track: rule.track,
      key: rule.key,
      metric: rule.metric,
      before: null,
      after: { ...after },
      fields: [],
      sentence: text,
    });
  }
  return events;
}

/**
 * The extract step: run the extractor over a stored snapshot, then in ONE transaction store the
 * extraction with its targets and rules, link the document (another location of / a revision of an
 * earlier one), diff against the right earlier extraction and append the changes. A crash anywhere
 * leaves nothing; a retry after a commit finds the extraction and writes nothing more.
 */
export async function extractSnapshot(input: ExtractSnapshotInput): Promise<ExtractSnapshotResult> {
  const { db, extractor, snapshotId, hooks } = input;
  const loaded = await getSnapshotForExtraction(db, { snapshotId });
  const { document } = loaded;
  let extraction = extractor.extract({
    body: loaded.snapshot.body,
    url: document.url,
    contentType: loaded.snapshot.contentType,
    attachments: loaded.attachments,
  });
  const attachmentIds = new Map(loaded.attachments.map((a) => [a.url, a.id]));
  const unreadAttachments = loaded.attachments.filter((a) => !a.text.trim()).map((a) => a.url);

  return db.transaction(async (tx) => {
    // An error page or empty template where the last version had figures is not a new version:
    // storing it would report every target removed now and added back once the page recovers.
    const latest = await findCurrentExtraction(tx, document.canonicalId ?? document.id);
    // A scanned (text-less) or unreadable attachment keeps its previous targets and rules.
    if (latest && unreadAttachments.length > 0) {
      extraction = keepUnreadAttachmentItems(
        latest.extraction as unknown as Extraction,
        extraction,
        unreadAttachments,
      );
    }
    if (latest && latest.snapshotId !== snapshotId && looksLikeFailedPage(extraction, latest.extraction)) {
      return {
        snapshotId,
        documentId: document.id,
        sourceId: document.sourceId,
        extractionId: latest.id,
        created: false,
        skipped: "looks-like-error-page" as const,
        targets: 0,
        rules: 0,
        tracks: extraction.tracks,
        reportedDocumentId: document.canonicalId ?? document.id,
        links: { canonicalId: document.canonicalId, supersedesId: document.supersedesId, reason: null },
        base: "previous-version" as const,
        changes: [],
      };
    }
    const recorded = await recordExtraction(tx, {
      snapshotId,
      documentId: document.id,
      extraction,
      attachments: attachmentIds,
    });
    const result: ExtractSnapshotResult = {
      snapshotId,
      documentId: document.id,
      sourceId: document.sourceId,
      extractionId: recorded.extractionId,
      created: recorded.created,
      targets: extraction.targets.length,
      rules: extraction.rules.length,
      tracks: extraction.tracks,
      reportedDocumentId: document.canonicalId ?? document.id,
      links: { canonicalId: document.canonicalId, supersedesId: document.supersedesId, reason: null },
      base: "none",
      changes: [],
    };
    if (!recorded.created) {
      // A page back at an earlier version (B → A): the snapshot and its extraction exist, but the
      // log last moved to another version. Report the return; dedup keys make a page that keeps
      // flapping between two versions report each direction once.
      const reportedId = document.canonicalId ?? document.id;
      const current = await findCurrentExtraction(tx, reportedId);
      // Only the same location going back counts: another site's copy lagging behind is no revert.
      if (
        !current ||
        current.snapshotId === snapshotId ||
        current.documentId !== document.id ||
        current.extractorVersion !== extractor.version
      ) {
        return result;
      }
      result.base = "previous-version";
      const events = extractor.diff(current.extraction as unknown as Extraction, extraction);
      result.changes = await appendEvents(tx, events, {
        sourceId: document.sourceId,
        reportedId,
        previous: current,
        snapshotId,
        extractionId: recorded.extractionId,
        extractorOnly: false,
      });
      return result;
    }
    await hooks?.afterExtractionInsert?.();

    // Link the document to earlier ones; links once set are kept.
    const meta = extraction.document;
    let links: DocumentLinks = result.links;
    if (!document.canonicalId && !document.supersedesId) {
      // The same plan on two sites is often extracted at the same moment (first crawl of both).
      await lockLinkKeys(tx, { keys: [normalizeDocNumber(meta.docNumber)] });
      const repealed = findRepealedDocNumbers(extraction.text, meta.docNumber);
      const candidates = await findLinkCandidates(tx, {
        documentId: document.id,
        issuer: meta.issuer,
        docNumbers: [meta.docNumber ?? "", ...repealed],
      });
      links = findSuperseded(
        {
          id: document.id,
          title: meta.title,
          issuer: meta.issuer,
          docNumber: meta.docNumber,
          publishedAt: meta.publishedAt,
        },
        candidates,
        extraction.text,
      );
    }
    await linkDocument(tx, {
      documentId: document.id,
      meta,
      canonicalId: links.canonicalId,
      supersedesId: links.supersedesId,
    });
    result.links = links;
    const reportedId = links.canonicalId ?? document.id;
    result.reportedDocumentId = reportedId;

    // The base: the newest earlier extraction of this document or any other location of it...
    // `latest` (the log's current version, looked up before the insert) is the base unless this
    // extraction just linked the document to another one's group.
    // Re-extraction: the same snapshot read by an older extractor is the base, whatever else the
    // group holds (another site's copy may lag behind the current version).
    const sameSnapshot = await findPreviousExtraction(tx, {
      documentIds: [document.id],
      snapshotId,
      before: { snapshotId, extractionId: recorded.extractionId },
    });
    let previous: StoredExtraction | null =
      sameSnapshot ??
      (reportedId === (document.canonicalId ?? document.id)
        ? latest
        : await findCurrentExtraction(tx, reportedId, { excludeSnapshotId: snapshotId }));
    if (previous) {
      if (previous.snapshotId === snapshotId) result.base = "older-extractor";
      else if (previous.documentId !== document.id) result.base = "other-location";
      else result.base = "previous-version";
    } else if (links.supersedesId) {
      // ...or, for a revision published at a new URL, the document it revises.
      previous = await findPreviousExtraction(tx, { locationsOf: links.supersedesId });
      if (previous) result.base = "superseded-document";
    }

    let events: ChangeEvent[];
    if (!previous) {
      events = additionEvents(extraction);
    } else {
      events = extractor.diff(previous.extraction as unknown as Extraction, extraction);
      // Another site's copy differs in where and when it was posted, not in the policy.
      if (result.base === "other-location")
        events = events.filter((e) => e.kind !== "document-metadata-changed");
    }
    result.changes = await appendEvents(tx, events, {
      sourceId: document.sourceId,
      reportedId,
      previous,
      snapshotId,
      extractionId: recorded.extractionId,
      // Same bytes, newer extractor: whatever differs is the extractor's doing, not the policy's.
      extractorOnly: previous !== null && previous.snapshotId === snapshotId,
    });
    return result;
  });
}

/**
 * The version the document's change log stands at: the newest extraction of the group, unless the
 * log later moved back to an older version (a page that reverted). Extraction jobs of one document
 * run a crawl apart, so "newest" is also the order in which versions were seen.
 */
async function findCurrentExtraction(
  db: Db,
  reportedId: number,
  options: { excludeSnapshotId?: number } = {},
): Promise<StoredExtraction | null> {
  const newest = await findPreviousExtraction(db, {
    locationsOf: reportedId,
    excludeSnapshotId: options.excludeSnapshotId,
  });
  if (!newest) return null;
  const reported = await findReportedExtraction(db, { documentId: reportedId, after: newest.createdAt });
  return reported && reported.id !== newest.id ? reported : newest;
}

async function appendEvents(
  db: Db,
  events: ChangeEvent[],
  input: {
    sourceId: string;
    reportedId: number;
    previous: StoredExtraction | null;
    snapshotId: number;
    extractionId: number;
    extractorOnly: boolean;
  },
): Promise<ExtractSnapshotResult["changes"]> {
  const detectedAt = new Date();
  // A source whose last run looked broken (a redesign, an empty list) records no removals.
  const source = await getSource(db, { id: input.sourceId });
  const kept =
    source.health === "unhealthy" ? events.filter((event) => !event.kind.endsWith("-removed")) : events;
  const changes: NewChange[] = kept.map((event) => ({
    kind: event.kind,
    sourceId: input.sourceId,
    documentId: input.reportedId,
    track: event.track,
    key: event.key,
    metric: event.metric,
    before: event.before,
    after: event.after,
    sentence: event.sentence,
    fromSnapshotId: input.previous?.snapshotId ?? null,
    toSnapshotId: input.snapshotId,
    fromExtractionId: input.previous?.id ?? null,
    toExtractionId: input.extractionId,
    extractorOnly: input.extractorOnly,
    detectedAt,
  }));
  const appended = await appendChanges(db, changes);
  return appended.appended.map(({ index, id }) => {
    const change = changes[index]!;
    return {
      id,
      kind: change.kind,
      track: change.track,
      key: change.key,
      extractorOnly: input.extractorOnly,
    };
  });
}
