/** Chinese numerals, simplified, traditional and financial forms: 五千亿, 两千, 十, 二〇二五, 一点五. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  "○": 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Longest numeral run the scanner accepts; longer runs are junk, not numbers. */
export const MAX_CHINESE_NUMERAL_LENGTH = 24;

export function chineseDigit(ch: string): number | undefined {
  return DIGITS[ch];
}

export function chineseUnit(ch: string): number | undefined {
  return SMALL_UNITS[ch] ?? BIG_UNITS[ch];
}

// One byte per BMP code unit: the scanner asks this for every character of every sentence.
const NUMERAL_TABLE = new Uint8Array(0x10000);
for (const ch of [...Object.keys(DIGITS), ...Object.keys(SMALL_UNITS), ...Object.keys(BIG_UNITS)]) {
  NUMERAL_TABLE[ch.charCodeAt(0)] = 1;
}

export function isChineseNumeralCode(c: number): boolean {
  return NUMERAL_TABLE[c] === 1;
}

export function isChineseNumeralChar(ch: string): boolean {
  return ch.length === 1 && NUMERAL_TABLE[ch.charCodeAt(0)] === 1;
}

/**
 * Value of a numeral run, or null when the run is not a well-formed number (十四五, 亿万, 千百).
 * A run of bare digits of three or more (二〇二五) reads positionally; 点 introduces decimals.
 */
export function parseChineseNumeral(run: string): number | null {
  if (run.length === 0 || run.length > MAX_CHINESE_NUMERAL_LENGTH) return null;
  const point = run.indexOf("点");
  if (point >= 0) {
    // 一点五, 一点五万亿: whole part, decimal digits, then an optional magnitude (万/亿/万亿).
    const whole = parseChineseNumeral(run.slice(0, point));
    const rest = [...run.slice(point + 1)];
    let digits = "";
    let k = 0;
    while (k < rest.length && DIGITS[rest[k]!] !== undefined) digits += String(DIGITS[rest[k++]!]);
    let magnitude = 1;
    const seen = new Set<string>();
    for (; k < rest.length; k++) {
      const unit = BIG_UNITS[rest[k]!];
      if (unit === undefined || seen.has(rest[k]!)) return null;
      seen.add(rest[k]!);
      magnitude *= unit;
    }
    if (whole === null || digits.length === 0) return null;
    return Number(`${whole}.${digits}`) * magnitude;
  }
  const chars = [...run];
  // 零部件, 零碳, 〇: a leading zero is a word, not a number (二〇二五 has its zero inside).
  if (DIGITS[chars[0]!] === 0) return null;
  if (chars.every((ch) => ch in DIGITS)) {
    if (chars.length === 1) return DIGITS[chars[0]!]!;
    // 二〇二五: positional. Two bare digits (三五个) are an approximate range, not a number.
    if (chars.length === 2 && !chars.some((ch) => DIGITS[ch] === 0)) return null;
    return Number(chars.map((ch) => String(DIGITS[ch])).join(""));
  }
  let yiPart = 0;
  let wanPart = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Number.POSITIVE_INFINITY;
  let prev: "digit" | "small" | "wan" | "yi" | "zero" | null = null;
  let sawWan = false;
  for (const ch of chars) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) {
        prev = "zero";
        continue;
      }
      if (prev === "digit") return null;
      digit = d;
      prev = "digit";
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      if (prev === "small" || small >= lastSmall) return null;
      section += (digit ?? 1) * small;
      digit = null;
      lastSmall = small;
      prev = "small";
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big === undefined) return null;
    if (big === 1e4) {
      if (prev === "wan" || prev === "yi" || sawWan) return null;
      wanPart = (section + (digit ?? 0) || 1) * 1e4;
      sawWan = true;
      prev = "wan";
    } else {
      if (prev === "yi") return null;
      yiPart = (yiPart + wanPart + section + (digit ?? 0) || 1) * 1e8;
      if (!Number.isFinite(yiPart)) return null;
      wanPart = 0;
      sawWan = false;
      prev = "yi";
    }
    section = 0;
    digit = null;
    lastSmall = Number.POSITIVE_INFINITY;
  }
  // 一万二 / 两千五: a trailing digit after a unit means the next lower place.
  let tail = digit ?? 0;
  if (digit !== null && chars.length >= 2) {
    const before = chars[chars.length - 2]!;
    const unit = SMALL_UNITS[before] ?? BIG_UNITS[before];
    if (unit !== undefined && unit >= 100) tail = digit * (unit / 10);
  }
  return yiPart + wanPart + section + tail;
}
