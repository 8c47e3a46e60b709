import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Extraction, Rule, Target } from "../types.ts";
import { diffExtractions } from "./diff-extractions.ts";

const targetArb: fc.Arbitrary<Target> = fc.record({
  key: fc.constantFrom(
    "metaverse/industry-scale",
    "metaverse/count",
    "green-low-carbon/count",
    "digital-economy/share",
  ),
  track: fc.constantFrom("metaverse", "green-low-carbon"),
  metric: fc.string({ maxLength: 6 }),
  comparator: fc.constantFrom(">=" as const, ">" as const, "<=" as const, "=" as const),
  value: fc.integer({ min: 0, max: 1e6 }),
  valueMax: fc.option(fc.integer({ min: 1e6 + 1, max: 2e6 }), { nil: null }),
  unit: fc.constantFrom("CNY", "count", "percent"),
  year: fc.option(fc.integer({ min: 2020, max: 2035 }), { nil: null }),
  text: fc.string({ maxLength: 10 }),
  span: fc.tuple(fc.nat(1000), fc.nat(1000)),
});

const ruleArb: fc.Arbitrary<Rule> = fc.record({
  key: fc.constantFrom("metaverse/fund", "metaverse/subsidy", "biomedicine/subsidy"),
  track: fc.constantFrom("metaverse", "biomedicine"),
  kind: fc.constantFrom("fund" as const, "subsidy" as const, "reward" as const),
  metric: fc.string({ maxLength: 6 }),
  amount: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
  percent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  text: fc.string({ maxLength: 10 }),
  span: fc.tuple(fc.nat(1000), fc.nat(1000)),
});

function extraction(targets: Target[], rules: Rule[]): Extraction {
  return {
    extractorVersion: "1",
    document: {
      title: "t",
      issuer: "i",
      docNumber: null,
      publishedAt: null,
      language: "zh",
      pageType: "detail",
    },
    tracks: [],
    targets,
    rules,
    text: "",
    warnings: [],
  };
}

const items = fc.record({
  targets: fc.array(targetArb, { maxLength: 8 }),
  rules: fc.array(ruleArb, { maxLength: 6 }),
});

describe("diffExtractions properties", () => {
  it("a document against itself, shuffled and reworded, has no changes", () => {
    fc.assert(
      fc.property(items, fc.integer(), ({ targets, rules }, seed) => {
        const shuffled = <T>(a: T[]) =>
          a
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((p, q) => p.k - q.k)
            .map(({ x }) => x);
        const reworded = extraction(
          shuffled(targets).map((t) => ({
            ...t,
            text: `${t.text}!`,
            metric: `${t.metric}?`,
            span: [0, 1] as [number, number],
          })),
          shuffled(rules).map((r) => ({ ...r, text: `${r.text}!` })),
        );
        expect(diffExtractions(extraction(targets, rules), reworded)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("added and removed mirror each other when the versions swap, and changes keep their fields", () => {
    fc.assert(
      fc.property(items, items, (a, b) => {
        const ab = diffExtractions(extraction(a.targets, a.rules), extraction(b.targets, b.rules));
        const ba = diffExtractions(extraction(b.targets, b.rules), extraction(a.targets, a.rules));
        const count = (events: typeof ab, kind: string) => events.filter((e) => e.kind === kind).length;
        expect(count(ab, "target-added")).toBe(count(ba, "target-removed"));
        expect(count(ab, "rule-removed")).toBe(count(ba, "rule-added"));
        expect(count(ab, "target-changed")).toBe(count(ba, "target-changed"));
        for (const e of ab) if (e.kind.endsWith("-changed")) expect(e.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("every item is accounted for: paired, added or removed", () => {
    fc.assert(
      fc.property(items, items, (a, b) => {
        const events = diffExtractions(extraction(a.targets, []), extraction(b.targets, []));
        const removed = events.filter((e) => e.kind === "target-removed").length;
        const added = events.filter((e) => e.kind === "target-added").length;
        // Paired items are those neither added nor removed; both sides pair the same number.
        expect(a.targets.length - removed).toBe(b.targets.length - added);
      }),
      { numRuns: 300 },
    );
  });
});
