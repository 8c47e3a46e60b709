/**
 * Numbers benchmark: time of findQuantities / findYears on pathological strings, at 1, 2 and 5 MB,
 * so that a super-linear stage shows as a growing ms/MB figure. Run: npm run bench -- numbers
 */
import { performance } from "node:perf_hooks";
import { findQuantities, findYears } from "@trackwatch/policy";

const MB = 1024 * 1024;

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

// Deterministic mixed junk: realistic sentences, digit soup, magnitudes, separators, binary.
function mixedJunk(size: number): string {
  const parts = [
    "到2025年，元宇宙相关产业规模达到3500亿元，培育10家以上龙头企业、50+场景；",
    "９".repeat(200),
    "亿亿亿万万千千百",
    "1,000,000,000,0",
    "exceed 350 billion yuan by 2025, two clusters, 1.5 trillion yuan; ",
    "沪府办发〔2022〕11号 021-12345678 1920×1080 5G 8K L4 Chrome 80及以上 ",
    "\u0000\u0001\uffff\ud800é",
    "百分之三十、3—5个、10—20亿元、50万元/人、360台/万人、120万千瓦、",
    "1.2.3.4.5.6.7.8.9",
    "二〇二五年一二三四五六七八九十",
  ];
  let s = "";
  let seed = 42;
  while (s.length < size) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    s += parts[seed % parts.length];
  }
  return s.slice(0, size);
}

const INPUTS: [name: string, make: (size: number) => string][] = [
  ["mixed junk", mixedJunk],
  ["digits", (n) => fill("9", n)],
  ["亿", (n) => fill("亿", n)],
  ["separators", (n) => fill("1,000", n)],
  ["broken separators", (n) => fill("1,00,0,000,", n)],
  ["dots", (n) => fill("1.", n)],
  ["dashes", (n) => fill("2022-", n)],
  ["Chinese numerals", (n) => fill("一二三四五六七八九十", n)],
  ["sentences", (n) => fill("到2025年，元宇宙相关产业规模达到3500亿元，培育10家企业。", n)],
];

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function runNumbersBench(): void {
  console.log("numbers bench (one core): ms for findQuantities + findYears; ms/MB should stay flat");
  console.log(["input", "1 MB", "2 MB", "5 MB", "ms/MB @5MB", "quantities @5MB"].join("\t"));
  for (const [name, make] of INPUTS) {
    const cells: string[] = [name];
    let found = 0;
    let last = 0;
    for (const size of [1, 2, 5]) {
      const s = make(size * MB);
      last = time(() => {
        found = findQuantities(s).length;
        findYears(s);
      });
      cells.push(last.toFixed(0));
    }
    cells.push((last / 5).toFixed(0), String(found));
    console.log(cells.join("\t"));
  }
}

runNumbersBench();
