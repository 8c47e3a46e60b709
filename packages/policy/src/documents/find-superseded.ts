import { findRepealedDocNumbers, normalizeDocNumber } from "./doc-number.ts";
import { hasRevisionWording, revisionTitleStem } from "./revision-title.ts";

export interface LinkableDocument {
  id: number;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  publishedAt: string | null;
  /** Set when the document is another location of an earlier one. */
  canonicalId?: number | null;
}

export interface DocumentLinks {
  /** The first location of the same document (same 发文字号), when this is a copy. */
  canonicalId: number | null;
  /** The earlier document this one revises or repeals. */
  supersedesId: number | null;
  reason: "same-doc-number" | "repeal-reference" | "revision-title" | null;
}

function isOlder(candidate: LinkableDocument, doc: LinkableDocument): boolean {
  if (candidate.publishedAt && doc.publishedAt && candidate.publishedAt !== doc.publishedAt) {
    return candidate.publishedAt < doc.publishedAt;
  }
  return candidate.id < doc.id;
}

function newestFirst(a: LinkableDocument, b: LinkableDocument): number {
  const byDate = (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "");
  return byDate !== 0 ? byDate : b.id - a.id;
}

/**
 * Decides how a newly extracted document relates to the ones already stored:
 * - the same 发文字号 as an earlier document → another location of it (canonical = the earliest);
 * - its text repeals or revises an earlier document number → it supersedes that document;
 * - the same issuer and a title that differs only by revision wording (修订/（2023年修订）/调整)
 *   → it supersedes the newest such earlier document.
 * `text` is the document's extracted main text (for 废止/修订 references).
 */
export function findSuperseded(
  doc: LinkableDocument,
  candidates: readonly LinkableDocument[],
  text = "",
): DocumentLinks {
  const others = candidates.filter((c) => c.id !== doc.id);
  const byId = new Map(others.map((c) => [c.id, c]));
  const canonicalOf = (c: LinkableDocument) => (c.canonicalId && byId.get(c.canonicalId)) || c;
  const ownNumber = normalizeDocNumber(doc.docNumber);

  if (ownNumber) {
    const sameNumber = others.filter((c) => normalizeDocNumber(c.docNumber) === ownNumber && c.id < doc.id);
    if (sameNumber.length > 0) {
      const first = sameNumber.map(canonicalOf).sort((a, b) => a.id - b.id)[0]!;
      return { canonicalId: first.canonicalId ?? first.id, supersedesId: null, reason: "same-doc-number" };
    }
  }

  const repealed = findRepealedDocNumbers(text, doc.docNumber);
  if (repealed.length > 0) {
    // A match may carry a leading word (原沪府办发〔2022〕11号), so compare by suffix.
    const names = (c: LinkableDocument) => {
      const number = normalizeDocNumber(c.docNumber);
      return number !== null && repealed.some((r) => r.endsWith(number));
    };
    const referenced = others.filter((c) => !c.canonicalId && names(c)).sort(newestFirst);
    if (referenced[0])
      return { canonicalId: null, supersedesId: referenced[0].id, reason: "repeal-reference" };
  }

  if (doc.issuer && hasRevisionWording(doc.title)) {
    const stem = revisionTitleStem(doc.title);
    if (stem.length >= 4) {
      const revised = others
        .filter(
          (c) =>
            !c.canonicalId &&
            c.issuer === doc.issuer &&
            revisionTitleStem(c.title) === stem &&
            (!ownNumber || normalizeDocNumber(c.docNumber) !== ownNumber) &&
            isOlder(c, doc),
        )
        .sort(newestFirst);
      if (revised[0]) return { canonicalId: null, supersedesId: revised[0].id, reason: "revision-title" };
    }
  }
  return { canonicalId: null, supersedesId: null, reason: null };
}
