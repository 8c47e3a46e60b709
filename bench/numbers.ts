/**
 * Numbers benchmark: time of findQuantities / findYears on pathological strings, at 1, 2 and 5 million characters (UTF-16 units),
 * so that a super-linear stage shows as a growing ms-per-M figure. Run: npm run bench -- numbers
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

// How extraction calls it: one sentence at a time over a realistic 5 MB text.
function perSentence(): void {
  const sentences = [
    "到2025年，全市元宇宙相关产业规模达到3500亿元，带动电子信息制造业规模突破5500亿元。",
    "培育10家具有国际竞争力的头部企业和100家专精特新企业，建成50个以上开放应用场景。",
    "对符合条件的项目，按不超过项目投资额30%的比例给予支持，最高2000万元。",
    "The scale of the industry will exceed 350 billion yuan by 2025, with 1,000 leading firms.",
    "加快推进新型基础设施建设，推动城市数字化转型，提升城市治理能力和公共服务水平。",
    "沪府办发〔2022〕11号，联系电话：021-12345678，发布日期：2022年7月8日。",
  ];
  const list: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * MB; i++) {
    const s = sentences[i % sentences.length]!;
    list.push(s);
    size += s.length;
  }
  let found = 0;
  const ms = time(() => {
    for (const s of list) {
      found += findQuantities(s).length;
      findYears(s);
    }
  });
  console.log(
    `per sentence: ${list.length} sentences, ${(size / MB).toFixed(1)} M chars in ${ms.toFixed(0)} ms ` +
      `(${((list.length / ms) * 1000).toFixed(0)} sentences/s, ${(ms / 5).toFixed(0)} ms per M chars), ${found} quantities`,
  );
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function runNumbersBench(): void {
  console.log(
    "numbers bench (one core): ms for findQuantities + findYears on one string; ms per M chars should stay flat",
  );
  console.log(["input", "1M chars", "2M chars", "5M chars", "ms per M @5M", "quantities @5M"].join("\t"));
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
perSentence();
