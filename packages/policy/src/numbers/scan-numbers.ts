import {
  chineseUnit,
  isChineseNumeralChar,
  isChineseNumeralCode,
  MAX_CHINESE_NUMERAL_LENGTH,
  parseChineseNumeral,
} from "./chinese-numerals.ts";
import { isNumberWord, readEnglishWordNumber, SCALE_WORDS } from "./english-numerals.ts";
import type { NumberToken } from "./types.ts";

/**
 * Stage 1 of findQuantities: every number literal in the text with its magnitude (万/亿/billion),
 * 余/多, 级, "+" and ranges (3—5, 三至五, 10—20亿). Units, comparators and filtering come later.
 * One left-to-right pass; every lookahead is bounded, so the scan is linear in the text length.
 */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isAsciiDigit(c)) {
      const tok = readToken(text, i, "arabic");
      if (tok) {
        out.push(tok);
        i = tok.end;
      } else i = skipDigits(text, i);
      continue;
    }
    if (!isChineseNumeralCode(c) && !isAsciiLetter(c)) {
      i++;
      continue;
    }
    const ch = text[i]!;
    if (ch === "百" && text.startsWith("百分之", i)) {
      const tok = readToken(text, i + 3, isAsciiDigit(text.charCodeAt(i + 3)) ? "arabic" : "chinese");
      if (tok) {
        tok.start = i;
        tok.percentPrefix = true;
        out.push(tok);
        i = tok.end;
      } else i += 3;
      continue;
    }
    if (isChineseNumeralChar(ch)) {
      const tok = readToken(text, i, "chinese");
      if (tok) {
        out.push(tok);
        i = tok.end;
      } else i = skipChineseRun(text, i);
      continue;
    }
    if (isAsciiLetter(c)) {
      const wordEnd = skipLetters(text, i);
      const prev = text.charCodeAt(i - 1);
      if (!isAsciiLetter(prev) && !isAsciiDigit(prev) && isNumberWord(text.slice(i, wordEnd))) {
        const tok = readToken(text, i, "english");
        if (tok) {
          out.push(tok);
          i = tok.end;
          continue;
        }
      }
      i = wordEnd;
      continue;
    }
    i++;
  }
  return out;
}

type Script = NumberToken["script"];

interface Literal {
  end: number;
  value: number;
  integerDigits: number;
  separators: boolean;
  decimal: boolean;
  article: boolean;
  /** A lone 百/千/万/亿 that is a number only with 余/多/级 after it (百余家, 千亿级). */
  needsSuffix: boolean;
}

function readToken(text: string, start: number, script: Script): NumberToken | null {
  const lit = readLiteral(text, start, script);
  if (!lit) return null;
  const tok = applySuffixes(text, start, lit, script);
  if (!tok) return null;
  return readRange(text, tok) ?? tok;
}

function readLiteral(text: string, start: number, script: Script): Literal | null {
  if (script === "arabic") return readArabic(text, start);
  if (script === "chinese") return readChinese(text, start);
  const w = readEnglishWordNumber(text, start);
  if (!w) return null;
  return {
    end: w.end,
    value: w.value,
    integerDigits: String(w.value).length,
    separators: false,
    decimal: false,
    article: w.article,
    needsSuffix: false,
  };
}

function readArabic(text: string, start: number): Literal | null {
  if (!isAsciiDigit(text.charCodeAt(start))) return null;
  let j = skipDigits(text, start);
  const firstGroup = j - start;
  let separators = false;
  // 1,000,000: groups of exactly three after a lead of one to three digits.
  if (firstGroup <= 3) {
    while (
      text[j] === "," &&
      isAsciiDigit(text.charCodeAt(j + 1)) &&
      isAsciiDigit(text.charCodeAt(j + 2)) &&
      isAsciiDigit(text.charCodeAt(j + 3)) &&
      !isAsciiDigit(text.charCodeAt(j + 4))
    ) {
      j += 4;
      separators = true;
    }
  }
  const intEnd = j;
  let decimal = false;
  if (text[j] === "." && isAsciiDigit(text.charCodeAt(j + 1))) {
    decimal = true;
    j = skipDigits(text, j + 1);
  }
  const literal = separators ? text.slice(start, j).replaceAll(",", "") : text.slice(start, j);
  const value = Number(literal);
  if (!Number.isFinite(value)) return { ...emptyLiteral(j), value: Number.NaN };
  return {
    end: j,
    value,
    integerDigits: separators ? intEnd - start - Math.floor((intEnd - start) / 4) : intEnd - start,
    separators,
    decimal,
    article: false,
    needsSuffix: false,
  };
}

function emptyLiteral(end: number): Literal {
  return {
    end,
    value: 0,
    integerDigits: 0,
    separators: false,
    decimal: false,
    article: false,
    needsSuffix: false,
  };
}

const KILO_UNITS = new Set(["瓦", "克", "米"]);

function readChinese(text: string, start: number): Literal | null {
  let j = start;
  const limit = Math.min(text.length, start + MAX_CHINESE_NUMERAL_LENGTH + 1);
  while (j < limit) {
    const ch = text[j]!;
    if (isChineseNumeralChar(ch)) j++;
    else if (ch === "点" && j > start && isChineseNumeralChar(text[j + 1] ?? "")) j++;
    else break;
  }
  if (j - start > MAX_CHINESE_NUMERAL_LENGTH) return null;
  // 五万千瓦: 千 belongs to the unit 千瓦 (kW), not to the numeral.
  if (j - start > 1 && text[j - 1] === "千" && KILO_UNITS.has(text[j] ?? "")) j--;
  const run = text.slice(start, j);
  const value = parseChineseNumeral(run);
  if (value === null) return null;
  const loneUnit = run.length === 1 && run !== "十" && chineseUnit(run) !== undefined;
  return {
    end: j,
    value,
    integerDigits: String(Math.floor(value)).length,
    separators: false,
    decimal: run.includes("点"),
    article: run === "一",
    needsSuffix: loneUnit,
  };
}

const MAGNITUDE_CHARS: Record<string, number> = {
  十: 10,
  百: 100,
  千: 1e3,
  万: 1e4,
  萬: 1e4,
  亿: 1e8,
  億: 1e8,
};

function applySuffixes(text: string, start: number, lit: Literal, script: Script): NumberToken | null {
  let p = lit.end;
  let more = false;
  let magnitude = 1;
  // "3500 亿元": a stray space before the magnitude.
  if (script === "arabic" && text[p] === " " && (text[p + 1] ?? "") in MAGNITUDE_CHARS) p++;
  if ((text[p] === "余" || text[p] === "多" || text[p] === "餘") && text[p + 1]! in MAGNITUDE_CHARS) {
    more = true;
    p++;
  }
  // 万 / 亿 / 万亿 / 千亿 / 百万 after the literal (at most three, no repeats: 亿亿 is junk).
  if (script !== "english") {
    const seen = new Set<string>();
    while (p < text.length && seen.size < 3) {
      const ch = text[p]!;
      const m = MAGNITUDE_CHARS[ch];
      if (m === undefined || seen.has(ch)) break;
      if (ch === "千" && KILO_UNITS.has(text[p + 1] ?? "")) break;
      if (script === "chinese" && m < 1e4) break;
      seen.add(ch);
      magnitude *= m;
      p++;
    }
  }
  if (text[p] === "余" || text[p] === "多" || text[p] === "餘") {
    // 100多家, 1万余人; but not 多元 / 多个 (many) when nothing numeric precedes it.
    more = true;
    p++;
  }
  // English scale words: "350 billion", "1.5 trillion", "350bn", "two million", "1.5-trillion-yuan".
  {
    let q = p;
    if (text[q] === " " || text[q] === "-") q++;
    if (isAsciiLetter(text.charCodeAt(q))) {
      const e = skipLetters(text, q);
      if (e - q <= 8) {
        const w = text.slice(q, e).toLowerCase();
        const s = SCALE_WORDS[w];
        if (s !== undefined && !(script === "english" && w === "hundred") && (q === p || w.length > 2)) {
          magnitude *= s;
          p = e;
        }
      }
    }
  }
  let level = false;
  if (text[p] === "级" || text[p] === "級") {
    level = true;
    p++;
  }
  if (lit.needsSuffix && !more && !level && magnitude === 1) return null;
  let plus = false;
  if (text[p] === "+" && !isAsciiDigit(text.charCodeAt(p + 1))) {
    plus = true;
    p++;
  }
  const value = lit.value * magnitude;
  return {
    start,
    end: p,
    value,
    valueMax: null,
    script,
    integerDigits: lit.integerDigits,
    separators: lit.separators,
    decimal: lit.decimal,
    magnitude,
    level,
    plus,
    more,
    article: lit.article && magnitude === 1 && !level,
    percentPrefix: false,
  };
}

const RANGE_SEPARATORS = new Set(["-", "—", "–", "－", "~", "～", "至", "到"]);

/** 3—5个, 3-5个, 三至五家, 10—20亿元, 5亿-10亿元, "3 to 5". Lower bound in value, upper in valueMax. */
function readRange(text: string, first: NumberToken): NumberToken | null {
  if (first.level || first.plus) return null;
  if (startsChange(text, first.start)) return null;
  let p = first.end;
  if (text.startsWith("——", p)) p += 2;
  else if (RANGE_SEPARATORS.has(text[p] ?? "")) p++;
  else if (first.script === "english" || text[p] === " ") {
    if (text.startsWith(" to ", p)) p += 4;
    else if (text.startsWith(" - ", p)) p += 3;
    else return null;
  } else return null;
  const script: Script = isAsciiDigit(text.charCodeAt(p))
    ? "arabic"
    : isChineseNumeralChar(text[p] ?? "")
      ? "chinese"
      : "english";
  if (script !== first.script) return null;
  if (script === "english" && !isNumberWord(text.slice(p, skipLetters(text, p)))) return null;
  const lit = readLiteral(text, p, script);
  if (!lit) return null;
  const second = applySuffixes(text, p, lit, script);
  if (!second || second.level) return null;
  let low = first.value;
  let magnitude = first.magnitude;
  if (first.magnitude === 1 && second.magnitude > 1) {
    low = first.value * second.magnitude;
    magnitude = second.magnitude;
  }
  if (!(second.value > low)) return null;
  return {
    ...first,
    end: second.end,
    value: low,
    valueMax: second.value,
    magnitude,
    plus: second.plus,
    more: first.more || second.more,
    article: false,
  };
}

/** 从10家增加到20家, "from 10 to 20": a change from one figure to another, not a range. */
export function startsChange(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start).trimEnd();
  return /(?:从|從|由)$/.test(before) || /(?:^|[^A-Za-z])from$/i.test(before);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function skipDigits(text: string, i: number): number {
  let j = i;
  while (j < text.length && isAsciiDigit(text.charCodeAt(j))) j++;
  return j;
}

function skipLetters(text: string, i: number): number {
  let j = i;
  while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
  return j;
}

function skipChineseRun(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && isChineseNumeralChar(text[j]!)) j++;
  return j;
}
