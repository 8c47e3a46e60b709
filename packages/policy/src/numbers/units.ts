import type { QuantityKind } from "./types.ts";

/** What follows a number: its unit, the factor to the unit's base, and the measure word. */
export interface UnitMatch {
  /** Normalized unit (CNY, count, MW...); "skip" marks years, durations, ordinals: not quantities. */
  unit: string;
  kind: QuantityKind | "skip";
  factor: number;
  end: number;
  currency?: string;
  counter?: string;
}

type Entry = [surface: string, unit: string, kind: QuantityKind | "skip", factor: number];

// Longest surface first within each table; the matcher tries them in this order.
const CJK_UNITS: Entry[] = [
  // money
  ["元人民币", "CNY", "money", 1],
  ["人民币", "CNY", "money", 1],
  ["美元", "USD", "money", 1],
  ["美金", "USD", "money", 1],
  ["港元", "HKD", "money", 1],
  ["港币", "HKD", "money", 1],
  ["欧元", "EUR", "money", 1],
  ["歐元", "EUR", "money", 1],
  ["日元", "JPY", "money", 1],
  ["英镑", "GBP", "money", 1],
  ["元", "CNY", "money", 1],
  // percent
  ["个百分点", "percentage-point", "percent", 1],
  ["個百分點", "percentage-point", "percent", 1],
  ["百分点", "percentage-point", "percent", 1],
  ["百分點", "percentage-point", "percent", 1],
  ["%", "percent", "percent", 1],
  ["‰", "percent", "percent", 0.1],
  // power and energy
  ["千瓦时", "MWh", "physical", 1e-3],
  ["千瓦時", "MWh", "physical", 1e-3],
  ["兆瓦时", "MWh", "physical", 1],
  ["兆瓦時", "MWh", "physical", 1],
  ["吉瓦时", "MWh", "physical", 1e3],
  ["度电", "MWh", "physical", 1e-3],
  ["度電", "MWh", "physical", 1e-3],
  ["瓦时", "MWh", "physical", 1e-6],
  ["千瓦", "MW", "physical", 1e-3],
  ["兆瓦", "MW", "physical", 1],
  ["吉瓦", "MW", "physical", 1e3],
  ["瓦", "MW", "physical", 1e-6],
  // concentration before mass and volume
  ["微克/立方米", "ug/m3", "physical", 1],
  ["微克每立方米", "ug/m3", "physical", 1],
  // mass
  ["吨", "tonnes", "physical", 1],
  ["噸", "tonnes", "physical", 1],
  ["千克", "tonnes", "physical", 1e-3],
  ["公斤", "tonnes", "physical", 1e-3],
  // volume, area, length
  ["立方米", "m3", "physical", 1],
  ["平方公里", "sqm", "physical", 1e6],
  ["平方千米", "sqm", "physical", 1e6],
  ["平方米", "sqm", "physical", 1],
  ["平米", "sqm", "physical", 1],
  ["㎡", "sqm", "physical", 1],
  ["公顷", "sqm", "physical", 1e4],
  ["公頃", "sqm", "physical", 1e4],
  ["亩", "mu", "physical", 1],
  ["畝", "mu", "physical", 1],
  ["公里", "km", "physical", 1],
  ["千米", "km", "physical", 1],
  ["米", "km", "physical", 1e-3],
  // times, durations, dates, ordinals, ages, versions: not quantities of a target
  ["倍", "times", "plain", 1],
  ["个月", "", "skip", 1],
  ["個月", "", "skip", 1],
  ["个工作日", "", "skip", 1],
  ["个小时", "", "skip", 1],
  ["小时", "", "skip", 1],
  ["分钟", "", "skip", 1],
  ["年", "", "skip", 1],
  ["月", "", "skip", 1],
  ["日", "", "skip", 1],
  ["号", "", "skip", 1],
  ["號", "", "skip", 1],
  ["天", "", "skip", 1],
  ["周", "", "skip", 1],
  ["週", "", "skip", 1],
  ["时", "", "skip", 1],
  ["秒", "", "skip", 1],
  ["岁", "", "skip", 1],
  ["歲", "", "skip", 1],
  ["版", "", "skip", 1],
  ["代", "", "skip", 1],
  ["期", "", "skip", 1],
  ["季度", "", "skip", 1],
  ["点", "", "skip", 1],
  ["楼", "", "skip", 1],
  ["层", "", "skip", 1],
  ["线", "", "skip", 1],
  ["页", "", "skip", 1],
  ["頁", "", "skip", 1],
];

/** Measure words: N of these is a count. Two-character ones first. */
const COUNTERS = [
  "人次",
  "台套",
  "家",
  "个",
  "個",
  "座",
  "辆",
  "輛",
  "项",
  "項",
  "台",
  "臺",
  "款",
  "名",
  "人",
  "所",
  "处",
  "處",
  "条",
  "條",
  "部",
  "套",
  "只",
  "件",
  "位",
  "支",
  "批",
  "种",
  "種",
  "类",
  "類",
  "户",
  "戶",
  "艘",
  "架",
  "颗",
  "顆",
  "块",
  "塊",
  "张",
  "張",
  "本",
  "次",
  "场",
  "場",
  "届",
  "屆",
  "间",
  "間",
  "栋",
  "棟",
  "幢",
  "片",
  "根",
  "枚",
  "门",
  "門",
  "股",
  "列",
  "道",
  "扇",
];

// English units: matched case-sensitively for symbols (kW, MW), case-insensitively for words.
const EN_UNITS: Entry[] = [
  ["u.s. dollars", "USD", "money", 1],
  ["us dollars", "USD", "money", 1],
  ["usd", "USD", "money", 1],
  ["dollars", "USD", "money", 1],
  ["dollar", "USD", "money", 1],
  ["yuan", "CNY", "money", 1],
  ["rmb", "CNY", "money", 1],
  ["cny", "CNY", "money", 1],
  ["renminbi", "CNY", "money", 1],
  ["euros", "EUR", "money", 1],
  ["eur", "EUR", "money", 1],
  ["percentage points", "percentage-point", "percent", 1],
  ["percentage point", "percentage-point", "percent", 1],
  ["per cent", "percent", "percent", 1],
  ["percent", "percent", "percent", 1],
  ["kilowatt-hours", "MWh", "physical", 1e-3],
  ["kilowatt hours", "MWh", "physical", 1e-3],
  ["kwh", "MWh", "physical", 1e-3],
  ["mwh", "MWh", "physical", 1],
  ["gwh", "MWh", "physical", 1e3],
  ["twh", "MWh", "physical", 1e6],
  ["kilowatts", "MW", "physical", 1e-3],
  ["kilowatt", "MW", "physical", 1e-3],
  ["megawatts", "MW", "physical", 1],
  ["megawatt", "MW", "physical", 1],
  ["gigawatts", "MW", "physical", 1e3],
  ["gigawatt", "MW", "physical", 1e3],
  ["kw", "MW", "physical", 1e-3],
  ["mw", "MW", "physical", 1],
  ["gw", "MW", "physical", 1e3],
  ["micrograms per cubic meter", "ug/m3", "physical", 1],
  ["micrograms per cubic metre", "ug/m3", "physical", 1],
  ["μg/m3", "ug/m3", "physical", 1],
  ["µg/m3", "ug/m3", "physical", 1],
  ["μg/m³", "ug/m3", "physical", 1],
  ["µg/m³", "ug/m3", "physical", 1],
  ["ug/m3", "ug/m3", "physical", 1],
  ["metric tons", "tonnes", "physical", 1],
  ["tonnes", "tonnes", "physical", 1],
  ["tonne", "tonnes", "physical", 1],
  ["tons", "tonnes", "physical", 1],
  ["ton", "tonnes", "physical", 1],
  ["kg", "tonnes", "physical", 1e-3],
  ["cubic meters", "m3", "physical", 1],
  ["cubic metres", "m3", "physical", 1],
  ["m3", "m3", "physical", 1],
  ["m³", "m3", "physical", 1],
  ["square kilometers", "sqm", "physical", 1e6],
  ["square kilometres", "sqm", "physical", 1e6],
  ["sq km", "sqm", "physical", 1e6],
  ["km2", "sqm", "physical", 1e6],
  ["km²", "sqm", "physical", 1e6],
  ["square meters", "sqm", "physical", 1],
  ["square metres", "sqm", "physical", 1],
  ["sqm", "sqm", "physical", 1],
  ["m2", "sqm", "physical", 1],
  ["m²", "sqm", "physical", 1],
  ["hectares", "sqm", "physical", 1e4],
  ["kilometers", "km", "physical", 1],
  ["kilometres", "km", "physical", 1],
  ["km", "km", "physical", 1],
  ["meters", "km", "physical", 1e-3],
  ["metres", "km", "physical", 1e-3],
  ["times", "times", "plain", 1],
  ["years", "", "skip", 1],
  ["year", "", "skip", 1],
  ["months", "", "skip", 1],
  ["days", "", "skip", 1],
  ["hours", "", "skip", 1],
];

/** Nouns that make "N nouns" a count; up to a few adjectives may stand between ("100 leading firms"). */
const EN_COUNT_NOUNS = new Set(
  [
    "enterprises",
    "enterprise",
    "companies",
    "company",
    "firms",
    "firm",
    "businesses",
    "smes",
    "scenarios",
    "scenario",
    "products",
    "product",
    "parks",
    "park",
    "clusters",
    "cluster",
    "zones",
    "projects",
    "project",
    "platforms",
    "bases",
    "centers",
    "centres",
    "brands",
    "institutions",
    "laboratories",
    "labs",
    "factories",
    "plants",
    "vehicles",
    "cars",
    "stations",
    "hubs",
    "applications",
    "cases",
    "talents",
    "people",
    "persons",
    "workers",
    "jobs",
    "residents",
    "households",
    "users",
    "devices",
    "terminals",
    "chips",
    "patents",
    "standards",
    "units",
    "sets",
    "piles",
    "champions",
    "unicorns",
    "gazelles",
    "leaders",
    "pilots",
    "districts",
    "towns",
    "villages",
    "schools",
    "hospitals",
    "universities",
    "teams",
    "experts",
    "professionals",
    "items",
    "models",
    "solutions",
    "programmes",
    "programs",
    "industries",
    "sectors",
    "areas",
    "fields",
    "directions",
    "tasks",
    "buildings",
    "sites",
    "facilities",
    "demonstrations",
    "benchmarks",
    "showcases",
    "startups",
    "start-ups",
    "incubators",
    "funds",
    "networks",
  ].map((w) => w.toLowerCase()),
);

const EN_STOP_WORDS = new Set([
  "by",
  "in",
  "to",
  "of",
  "from",
  "for",
  "with",
  "at",
  "on",
  "than",
  "the",
  "will",
  "is",
  "are",
  "was",
  "were",
  "be",
]);

const DENOMINATORS: [surface: string, name: string][] = [
  ["万人", "10k-person"],
  ["萬人", "10k-person"],
  ["千人", "1k-person"],
  ["百人", "100-person"],
  ["人", "person"],
  ["户", "household"],
  ["戶", "household"],
  ["万元", "10k-CNY"],
  ["萬元", "10k-CNY"],
  ["元", "CNY"],
  ["平方米", "sqm"],
  ["㎡", "sqm"],
  ["m2", "sqm"],
  ["亩", "mu"],
  ["畝", "mu"],
  ["千瓦时", "kWh"],
  ["kWh", "kWh"],
  ["千瓦", "kW"],
  ["kW", "kW"],
  ["吨", "tonne"],
  ["噸", "tonne"],
  ["公里", "km"],
  ["km", "km"],
  ["年", "year"],
  ["月", "month"],
  ["天", "day"],
  ["日", "day"],
  ["辆", "vehicle"],
  ["台", "unit"],
];

const EN_PER: [surface: string, name: string][] = [
  ["per capita", "person"],
  ["per person", "person"],
  ["per 10,000 people", "10k-person"],
  ["per 10,000 persons", "10k-person"],
  ["per 10,000 residents", "10k-person"],
  ["per square meter", "sqm"],
  ["per square metre", "sqm"],
  ["per year", "year"],
  ["per kilowatt-hour", "kWh"],
];

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const NO_ENTRIES: Entry[] = [];
const NO_COUNTERS: string[] = [];

const EN_UNITS_BY_FIRST = new Map<string, Entry[]>();
for (const e of EN_UNITS) EN_UNITS_BY_FIRST.set(e[0][0]!, [...(EN_UNITS_BY_FIRST.get(e[0][0]!) ?? []), e]);

const QUOTES = new Set(['"', "'", "\u201c", "\u201d", "\u2018", "\u2019"]);

function matchEnglishUnit(text: string, p: number, countNouns = true): UnitMatch | null {
  const lower = text.slice(p, p + 28).toLowerCase();
  for (const [surface, unit, kind, factor] of EN_UNITS_BY_FIRST.get(lower[0] ?? "") ?? NO_ENTRIES) {
    if (lower.startsWith(surface) && !isLetterAt(text, p + surface.length)) {
      const m: UnitMatch = { unit, kind, factor, end: p + surface.length };
      if (kind === "money") m.currency = unit;
      return m;
    }
  }
  if (!countNouns) return null;
  // "100 leading firms", "five pilot zones": a counted noun within four words.
  let q = p;
  if (QUOTES.has(text[q] ?? "")) q++;
  for (let words = 0; words < 5; words++) {
    const m = /^[A-Za-z][A-Za-z-]*/.exec(text.slice(q, q + 40));
    if (!m) return null;
    const w = m[0].toLowerCase();
    if (EN_COUNT_NOUNS.has(w))
      return { unit: "count", kind: "count", factor: 1, end: q + m[0].length, counter: w };
    if (EN_STOP_WORDS.has(w)) return null;
    q += m[0].length;
    if (text[q] === "," && text[q + 1] === " " && words < 3) q++;
    if (QUOTES.has(text[q] ?? "")) q++;
    if (text[q] !== " ") return null;
    q++;
    if (QUOTES.has(text[q] ?? "")) q++;
  }
  return null;
}

/**
 * A unit symbol glued to the digits (100MW, 50km, 3GW), not a counted noun: "5G base stations" is a
 * technology, not five stations.
 */
export function matchGluedUnit(text: string, p: number): UnitMatch | null {
  return matchEnglishUnit(text, p, false);
}

/** The unit that starts at `p` (right after a number), with per-unit denominators (元/人, 台/万人). */
export function matchUnit(text: string, p: number): UnitMatch | null {
  const base = matchBaseUnit(text, p);
  if (!base || base.kind === "skip" || base.kind === "percent" || base.kind === "plain") return base;
  return matchPerUnit(text, base) ?? base;
}

// Units and counters indexed by first character; table order (longest first) is kept per list.
const CJK_UNITS_BY_FIRST = new Map<string, Entry[]>();
for (const e of CJK_UNITS) CJK_UNITS_BY_FIRST.set(e[0][0]!, [...(CJK_UNITS_BY_FIRST.get(e[0][0]!) ?? []), e]);
const COUNTERS_BY_FIRST = new Map<string, string[]>();
for (const c of COUNTERS) COUNTERS_BY_FIRST.set(c[0]!, [...(COUNTERS_BY_FIRST.get(c[0]!) ?? []), c]);

function matchBaseUnit(text: string, p: number): UnitMatch | null {
  const ch = text[p] ?? "";
  for (const [surface, unit, kind, factor] of CJK_UNITS_BY_FIRST.get(ch) ?? NO_ENTRIES) {
    if (text.startsWith(surface, p)) {
      const m: UnitMatch = { unit, kind, factor, end: p + surface.length };
      if (kind === "money") m.currency = unit;
      return m;
    }
  }
  for (const counter of COUNTERS_BY_FIRST.get(ch) ?? NO_COUNTERS) {
    if (text.startsWith(counter, p)) {
      return { unit: "count", kind: "count", factor: 1, end: p + counter.length, counter };
    }
  }
  let q = p;
  if (text[q] === " ") q++;
  if (q > p && (text[q] === "%" || isCjk(text.charCodeAt(q)))) {
    // "10 家", "30 %": a stray space before a CJK unit.
    return matchBaseUnit(text, q);
  }
  if (q > p && (text[q] === '"' || text[q] === "\u201c") && isLetterAt(text, q + 1))
    return matchEnglishUnit(text, q);
  if (isLetterAt(text, q) || text[q] === "μ" || text[q] === "µ") return matchEnglishUnit(text, q);
  // "a 1.5-trillion-yuan industry", "a 500-MW plant": a hyphenated unit, never a counted noun.
  if (text[p] === "-" && isLetterAt(text, p + 1)) return matchEnglishUnit(text, p + 1, false);
  return null;
}

function isCjk(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

function matchPerUnit(text: string, base: UnitMatch): UnitMatch | null {
  const numerator = base.kind === "money" ? base.unit : base.kind === "count" ? "count" : base.unit;
  let p = base.end;
  if (text[p] === "/" || text[p] === "每") {
    p++;
    for (const [surface, name] of DENOMINATORS) {
      if (text.startsWith(surface, p)) {
        return { ...base, unit: `${numerator}/${name}`, kind: "per-unit", end: p + surface.length };
      }
    }
    return null;
  }
  if (text[p] === " ") p++;
  const lower = text.slice(p, p + 24).toLowerCase();
  for (const [surface, name] of EN_PER) {
    if (lower.startsWith(surface) && !isLetterAt(text, p + surface.length)) {
      return { ...base, unit: `${numerator}/${name}`, kind: "per-unit", end: p + surface.length };
    }
  }
  return null;
}
