import type { ChangeEvent, DocumentMeta, Extraction, Rule, Target } from "../types.ts";
import { differingFields, sameValue } from "./compare-values.ts";
import { pairByKey } from "./pair-by-key.ts";

/** A target changes when one of these differs; its sentence, span and metric wording do not count. */
export const TARGET_FIELDS = [
  "value",
  "valueMax",
  "comparator",
  "unit",
  "year",
] as const satisfies readonly (keyof Target)[];
export const RULE_FIELDS = [
  "amount",
  "percent",
  "kind",
  "comparator",
] as const satisfies readonly (keyof Rule)[];
/** Metadata that makes a change on its own. */
export const DOCUMENT_FIELDS = [
  "title",
  "issuer",
  "docNumber",
  "publishedAt",
] as const satisfies readonly (keyof DocumentMeta)[];
/**
 * Metadata that is never news on its own: a bumped 更新日期 (revisedAt) or a corrected 索引号 alone
 * would mail subscribers about nothing. Reported when the same revision changes anything else.
 */
export const SECONDARY_DOCUMENT_FIELDS = [
  "revisedAt",
  "writtenAt",
  "indexNumber",
] as const satisfies readonly (keyof DocumentMeta)[];

/**
 * Change events between two extractions of the same document. `previous === null` is a first sight:
 * one document-added event. Targets and rules are matched by identity key (as multisets), so a
 * reordered or reworded document with the same figures yields no events.
 */
export function diffExtractions(previous: Extraction | null, next: Extraction): ChangeEvent[] {
  if (previous === null) {
    return [
      {
        kind: "document-added",
        track: null,
        key: null,
        metric: null,
        before: null,
        after: {
          ...next.document,
          tracks: [...next.tracks],
          targets: next.targets.length,
          rules: next.rules.length,
        },
        fields: [],
        sentence: null,
      },
    ];
  }
  const items = [...diffTargets(previous.targets, next.targets), ...diffRules(previous.rules, next.rules)];
  return [...diffDocumentMeta(previous.document, next.document, items.length > 0), ...items];
}

function diffDocumentMeta(before: DocumentMeta, after: DocumentMeta, revised: boolean): ChangeEvent[] {
  const primary = differingFields(before, after, DOCUMENT_FIELDS);
  const secondary = differingFields(before, after, SECONDARY_DOCUMENT_FIELDS);
  // A new 更新日期 with changed figures dates the revision; on its own it is a re-stamped page.
  if (primary.length === 0 && !(revised && secondary.length > 0)) return [];
  const fields = [...primary, ...secondary];
  return [
    {
      kind: "document-metadata-changed",
      track: null,
      key: null,
      metric: null,
      before: pick(before, fields),
      after: pick(after, fields),
      fields,
      sentence: null,
    },
  ];
}

function pick(doc: DocumentMeta, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (doc as unknown as Record<string, unknown>)[f] ?? null;
  return out;
}

function targetScore(a: Target, b: Target): number {
  return (
    (sameValue(a.value, b.value) ? 16 : 0) +
    (sameValue(a.unit, b.unit) ? 8 : 0) +
    (sameValue(a.year, b.year) ? 4 : 0) +
    (sameValue(a.comparator, b.comparator) ? 2 : 0) +
    (sameValue(a.valueMax, b.valueMax) ? 1 : 0)
  );
}

function ruleScore(a: Rule, b: Rule): number {
  return (
    (sameValue(a.amount, b.amount) ? 8 : 0) +
    (sameValue(a.percent, b.percent) ? 4 : 0) +
    (sameValue(a.kind, b.kind) ? 2 : 0) +
    (sameValue(a.comparator, b.comparator) ? 1 : 0)
  );
}

function diffTargets(before: Target[], after: Target[]): ChangeEvent[] {
  const { pairs, removed, added } = pairByKey(
    before,
    after,
    targetScore,
    (a, b) => differingFields(a, b, TARGET_FIELDS).length === 0,
  );
  const events: ChangeEvent[] = [];
  for (const [b, a] of pairs) {
    const fields = differingFields(b, a, TARGET_FIELDS);
    if (fields.length > 0) events.push(itemEvent("target-changed", b, a, fields));
  }
  for (const t of removed) events.push(itemEvent("target-removed", t, null, []));
  for (const t of added) events.push(itemEvent("target-added", null, t, []));
  return sortByPosition(events);
}

function diffRules(before: Rule[], after: Rule[]): ChangeEvent[] {
  const { pairs, removed, added } = pairByKey(
    before,
    after,
    ruleScore,
    (a, b) => differingFields(a, b, RULE_FIELDS).length === 0,
  );
  const events: ChangeEvent[] = [];
  for (const [b, a] of pairs) {
    const fields = differingFields(b, a, RULE_FIELDS);
    if (fields.length > 0) events.push(itemEvent("rule-changed", b, a, fields));
  }
  for (const r of removed) events.push(itemEvent("rule-removed", r, null, []));
  for (const r of added) events.push(itemEvent("rule-added", null, r, []));
  return sortByPosition(events);
}

type Item = Target | Rule;

function itemEvent(
  kind: ChangeEvent["kind"],
  before: Item | null,
  after: Item | null,
  fields: string[],
): ChangeEvent {
  const current = (after ?? before)!;
  return {
    kind,
    track: current.track,
    key: current.key,
    metric: current.metric,
    before: before ? { ...before } : null,
    after: after ? { ...after } : null,
    fields,
    sentence: current.text,
  };
}

// Deterministic order for the change log and digests: where the item sits in the newer version (or
// the older one for removals), then by key.
function sortByPosition(events: ChangeEvent[]): ChangeEvent[] {
  const pos = (e: ChangeEvent) => {
    const item = (e.after ?? e.before) as { span?: [number, number] } | null;
    return item?.span?.[0] ?? 0;
  };
  const rank = (e: ChangeEvent) => (e.kind.endsWith("removed") ? 1 : 0);
  return events
    .map((e, i) => ({ e, i }))
    .sort(
      (x, y) =>
        rank(x.e) - rank(y.e) ||
        pos(x.e) - pos(y.e) ||
        (x.e.key ?? "").localeCompare(y.e.key ?? "") ||
        x.i - y.i,
    )
    .map((x) => x.e);
}
