import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Extraction, extractPolicy } from "../src/index.ts";
import { wrapInBoilerplate } from "./boilerplate.ts";

interface Expected {
  url?: string;
  document?: Record<string, unknown>;
  tracks?: string[];
  targets?: Array<{ track: string; value: number; unit: string; year: number | null; comparator?: string }>;
  rules?: Array<{ track: string; kind: string; amount: number | null; percent: number | null }>;
  links?: Array<{ url?: string; href?: string; title: string; date: string | null }>;
  pagination?: Record<string, unknown>;
  textIncludes?: string[];
  textExcludes?: string[];
}

const ROOT = join(import.meta.dirname, "fixtures");
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, d.name))
      .filter((f) => f.endsWith(".expected.json"))
      .map((f) => {
        const name = f.slice(0, -".expected.json".length);
        const source = readdirSync(join(ROOT, d.name)).find(
          (x) => x.startsWith(`${name}.`) && !x.endsWith(".json"),
        )!;
        return { id: `${d.name}/${name}`, file: join(ROOT, d.name, source) };
      }),
  );

function targetKeys(items: Extraction["targets"], withComparator: Set<number>): string[] {
  return items.map((t, i) =>
    [t.track, t.value, t.unit, t.year, withComparator.has(i) ? t.comparator : ""].join("|"),
  );
}

/** Multiset comparison; a comparator is compared only where the expectation names one. */
function expectTargets(actual: Extraction["targets"], expected: NonNullable<Expected["targets"]>): void {
  const used = new Set<number>();
  const missing: string[] = [];
  for (const e of expected) {
    const i = actual.findIndex(
      (t, k) =>
        !used.has(k) &&
        t.track === e.track &&
        t.value === e.value &&
        t.unit === e.unit &&
        t.year === e.year &&
        (e.comparator === undefined || t.comparator === e.comparator),
    );
    if (i < 0) missing.push(JSON.stringify(e));
    else used.add(i);
  }
  const extra = actual
    .filter((_, k) => !used.has(k))
    .map((t) => `${t.track}|${t.value}|${t.unit}|${t.year}|${t.text}`);
  expect({ missing, extra }).toEqual({ missing: [], extra: [] });
}

function ruleKey(r: { track: string; kind: string; amount: number | null; percent: number | null }): string {
  return [r.track, r.kind, r.amount, r.percent].join("|");
}

function expectSpans(result: Extraction): void {
  for (const item of [...result.targets, ...result.rules]) {
    expect(result.text.slice(item.span[0], item.span[1])).toBe(item.text);
    expect(item.key).toMatch(/^[a-z0-9-]+\/\S+$/);
  }
}

describe("extractPolicy on fixtures", () => {
  it("has fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    const expected = JSON.parse(
      readFileSync(c.file.replace(/\.[a-z]+$/, ".expected.json"), "utf8"),
    ) as Expected;
    const source = readFileSync(c.file, "utf8");

    it(c.id, () => {
      const result = extractPolicy(source, { url: expected.url });
      expectSpans(result);
      if (expected.document) {
        const picked = Object.fromEntries(
          Object.keys(expected.document).map((k) => [
            k,
            (result.document as unknown as Record<string, unknown>)[k] ?? null,
          ]),
        );
        expect(picked).toEqual(expected.document);
      }
      if (expected.tracks) expect([...result.tracks].sort()).toEqual([...expected.tracks].sort());
      if (expected.targets) expectTargets(result.targets, expected.targets);
      if (expected.rules)
        expect(result.rules.map(ruleKey).sort()).toEqual(expected.rules.map(ruleKey).sort());
      if (expected.links) {
        expect(
          result.links?.map((l) => ({
            ...(expected.links![0]!.href ? { href: l.href } : {}),
            url: l.url,
            title: l.title,
            date: l.date,
          })),
        ).toEqual(
          expected.links.map((l) => ({
            ...(l.href ? { href: l.href } : {}),
            url: l.url ?? l.href,
            title: l.title,
            date: l.date,
          })),
        );
      }
      if (expected.pagination) expect(result.pagination).toMatchObject(expected.pagination);
      for (const s of expected.textIncludes ?? []) expect(result.text).toContain(s);
      for (const s of expected.textExcludes ?? []) expect(result.text).not.toContain(s);
    });

    if (expected.document?.pageType === "detail" || expected.document?.pageType === "news") {
      it(`${c.id} gives the same result wrapped in heavy boilerplate`, () => {
        const plain = extractPolicy(source);
        for (const variant of [0, 1]) {
          const wrapped = extractPolicy(wrapInBoilerplate(source, { variant }));
          expect(wrapped.document).toEqual(plain.document);
          expect(wrapped.tracks).toEqual(plain.tracks);
          expect(targetKeys(wrapped.targets, new Set())).toEqual(targetKeys(plain.targets, new Set()));
          expect(wrapped.rules.map(ruleKey)).toEqual(plain.rules.map(ruleKey));
          expect(wrapped.text).toBe(plain.text);
        }
      });
    }
  }
});
