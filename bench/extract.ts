/**
 * Extraction benchmark: documents per second on one core for realistic policy pages (built from
 * the policy fixtures wrapped in varied boilerplate, 20–200 KB), next to the rate of cheerio.load
 * alone on the same pages, and the ratio (goal: extraction at most 3x the parse). Then the time for
 * one 5 MB page. Run: npm run bench -- extract
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractPolicy } from "@trackwatch/policy";
import { load } from "cheerio";
import { wrapInBoilerplate } from "../packages/policy/test/boilerplate.ts";

const FIXTURES = join(import.meta.dirname, "..", "packages", "policy", "test", "fixtures");
const PAGES = 240;
const MIN_SIZE = 20 * 1024;
const MAX_SIZE = 200 * 1024;
const ROUNDS = 3;

function fixtureHtml(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(FIXTURES)) {
    for (const file of readdirSync(join(FIXTURES, dir))) {
      if (file.endsWith(".html")) out.push(readFileSync(join(FIXTURES, dir, file), "utf8"));
    }
  }
  return out;
}

function buildPages(): string[] {
  const sources = fixtureHtml();
  const pages: string[] = [];
  for (let i = 0; i < PAGES; i++) {
    // Sizes spread evenly over 20–200 KB; each fixture appears with several chrome styles.
    const size = MIN_SIZE + Math.round(((MAX_SIZE - MIN_SIZE) * ((i * 37) % PAGES)) / PAGES);
    pages.push(wrapInBoilerplate(sources[i % sources.length]!, { variant: i % 7, padTo: size }));
  }
  return pages;
}

function rate(label: string, pages: string[], fn: (page: string) => unknown): number {
  for (const page of pages.slice(0, 20)) fn(page); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const page of pages) fn(page);
    best = Math.min(best, performance.now() - start);
  }
  const perSecond = (pages.length / best) * 1000;
  console.log(
    `${label.padEnd(26)} ${perSecond.toFixed(1).padStart(8)} docs/s  (${(best / pages.length).toFixed(2)} ms/doc)`,
  );
  return perSecond;
}

const pages = buildPages();
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p), 0);
console.log(
  `pages: ${pages.length}, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round(Math.min(...pages.map((p) => p.length)) / 1024)}–${Math.round(Math.max(...pages.map((p) => p.length)) / 1024)} K chars`,
);
const parse = rate("cheerio.load alone", pages, (p) => load(p));
const extract = rate("extractPolicy (incl. load)", pages, (p) => extractPolicy(p));
console.log(`ratio extraction / parse: ${(parse / extract).toFixed(2)}x (goal <= 3x)`);

const big = wrapInBoilerplate(fixtureHtml()[0]!, { padTo: 5 * 1024 * 1024 });
const loadStart = performance.now();
load(big);
const loadMs = performance.now() - loadStart;
const bigStart = performance.now();
const result = extractPolicy(big);
const bigMs = performance.now() - bigStart;
console.log(
  `5 MB page: extractPolicy ${bigMs.toFixed(0)} ms (cheerio.load ${loadMs.toFixed(0)} ms), ${result.targets.length} targets, ${result.rules.length} rules`,
);
