import { findQuantities, readEnglishWordNumber } from "../numbers/index.ts";
import type { Figure } from "./find-figures.ts";

// Nouns that make a bare number a count even with a quoted label in between:
// 100 "specialized and sophisticated" smaller firms.
const COUNT_NOUN_AHEAD =
  /^\s*(?:["“'‘][^"”'’]{1,60}["”'’]\s*)?(?:[a-z0-9-]+\s+){0,3}?(firms|companies|enterprises|businesses|scenarios|products|clusters|parks|platforms|projects|stations|vehicles|leaders|institutions|centres|centers|bases|people|talents)\b/i;

/**
 * The numbers module's quantities as figures, with two repairs made here because they need the
 * sentence around a figure: a bare number before a counted noun is a count, and an elliptical
 * "…two clusters worth X each and five worth Y each" repeats the count's noun.
 */
export function findFigures(sentence: string): Figure[] {
  const figures: Figure[] = findQuantities(sentence).map((q) => ({
    start: q.start,
    end: q.end,
    raw: q.raw,
    value: q.value,
    valueMax: q.valueMax,
    unit: q.unit,
    kind: q.kind,
    comparator: q.comparator,
    approximate: q.approximate,
    counter: q.counter ?? null,
    magnitudeQualifier: q.magnitudeQualifier ?? false,
  }));
  const out: Figure[] = [];
  for (const f of figures) {
    if (f.kind === "plain" && Number.isInteger(f.value)) {
      const noun = COUNT_NOUN_AHEAD.exec(sentence.slice(f.end, f.end + 90));
      if (noun) {
        out.push({ ...f, kind: "count", unit: "count", counter: noun[1]!.toLowerCase() });
        continue;
      }
    }
    // A count of zero is a misread (零部件), never a goal; "5G base stations" names a technology.
    if (f.kind === "count" && f.value === 0) continue;
    if (f.kind === "count" && /^\d+[A-Za-z]/.test(f.raw) && !/^\d+\s*[A-Za-z]{3}/.test(f.raw)) continue;
    out.push(f);
  }
  addEllipticalCounts(sentence, out);
  return mergeRanges(sentence, out);
}

const RANGE_JOIN = /^\s*(?:[—–~～-]{1,2}|至|到|to)\s*$/;

/** "10%—15%", "800亿—1000亿元" read as two figures: one range, labelled by its lower bound. */
function mergeRanges(sentence: string, figures: Figure[]): Figure[] {
  const out: Figure[] = [];
  for (const f of figures) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.unit === f.unit &&
      prev.valueMax === null &&
      f.value > prev.value &&
      RANGE_JOIN.test(sentence.slice(prev.end, f.start))
    ) {
      out[out.length - 1] = {
        ...prev,
        end: f.end,
        raw: sentence.slice(prev.start, f.end),
        valueMax: f.valueMax ?? f.value,
        comparator: ">=",
      };
      continue;
    }
    out.push(f);
  }
  return out;
}

const ELLIPSIS = /\band\s+(?=[a-z])/gi;

function addEllipticalCounts(sentence: string, figures: Figure[]): void {
  const counts = figures.filter((f) => f.kind === "count" && f.counter && /[a-z]/i.test(f.counter));
  if (!counts.length) return;
  for (const m of sentence.matchAll(ELLIPSIS)) {
    const at = m.index! + m[0].length;
    if (figures.some((f) => f.start <= at && at < f.end)) continue;
    const previous = counts.filter((c) => c.end <= at).pop();
    if (!previous) continue;
    const word = readEnglishWordNumber(sentence, at);
    if (!word) continue;
    // "and five worth…": the number stands alone, its noun is the earlier count's.
    const rest = sentence.slice(word.end, word.end + 12);
    if (!/^\s+(?:worth|with|each|valued|of which)\b/i.test(rest)) continue;
    figures.push({
      start: at,
      end: word.end,
      raw: sentence.slice(at, word.end),
      value: word.value,
      valueMax: null,
      unit: "count",
      kind: "count",
      comparator: "=",
      approximate: false,
      counter: previous.counter,
      magnitudeQualifier: false,
    });
  }
  figures.sort((a, b) => a.start - b.start);
}
