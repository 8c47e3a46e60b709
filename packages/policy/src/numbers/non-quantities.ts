/**
 * Spans that look numeric but are never quantities: document numbers (〔2022〕11号), dates and times
 * without a year (7月8日, 10:30, 07-08), phone numbers (021-12345678, 12345热线), resolutions
 * (1920×1080), version strings (Chrome 80, 1.2.3, IE9及以上版本). Every pattern anchors on the start
 * of a digit run or a fixed word, so a pathological input costs linear time.
 */
interface Pattern {
  re: RegExp;
  /** Skip the pattern when the text lacks this: most sentences need only one or two of them. */
  requires: RegExp;
}

const PATTERNS: Pattern[] = [
  // 〔2022〕11号, [2022]11号, （2022）第3号
  { re: /[〔[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d{0,6}\s*[号號]?/g, requires: /[〔[【(（]/ },
  // 11号文, 第3号令
  { re: /(?<!\d)\d{1,6}\s*[号號](?:文|令)/g, requires: /[号號]/ },
  // dates and times without a year: 7月8日, 07月08日, 10:30, 10:30:00, 07-08, 06/16
  { re: /(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号號]/g, requires: /月/ },
  { re: /(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])/g, requires: /:/ },
  {
    re: /(?<![\d\-/.])(?:0[1-9]|1[0-2])[-/.](?:0[1-9]|[12]\d|3[01])(?![\d\-/.])/g,
    requires: /0\d[-/.]|1[0-2][-/.]/,
  },
  // phone numbers: 021-12345678, (021)12345678, 400-820-1234, 13812345678, 12345 hotline
  { re: /(?<!\d)\d{3,4}[-－—]\d{7,8}(?:[-－]\d{1,4})?(?!\d)/g, requires: /\d[-－—]\d/ },
  { re: /[(（]\d{3,4}[)）]\s*\d{7,8}(?!\d)/g, requires: /[(（]/ },
  { re: /(?<!\d)[48]00[-\s]?\d{3}[-\s]?\d{4}(?!\d)/g, requires: /[48]00/ },
  { re: /(?<!\d)1[3-9]\d{9}(?!\d)/g, requires: /\d{11}/ },
  {
    re: /(?:电话|電話|热线|熱線|拨打|撥打|传真|傳真|咨询电话|Tel|TEL|tel|Phone|phone|Fax|fax|hotline|Hotline)\s*[:：]?\s*\+?[\d()（）\-－ ]{3,24}/g,
    requires: /电话|電話|热线|熱線|拨打|撥打|传真|傳真|tel|phone|fax|hotline/i,
  },
  {
    re: /(?<!\d)\d{5}(?=\s*(?:政务服务热线|服务热线|市民热线|热线|熱線|hotline))/g,
    requires: /热线|熱線|hotline/,
  },
  // resolutions: 1920×1080, 3840 x 2160
  { re: /(?<!\d)\d{3,5}\s*[×xX*]\s*\d{3,5}(?!\d)/g, requires: /[×xX*]/ },
  // versions and addresses: 1.2.3, 192.168.0.1
  { re: /(?<![\d.])\d+(?:\.\d+){2,}/g, requires: /\d\.\d+\./ },
  // software versions: Chrome 80, IE 11, Windows 10, version 2, V2.0
  {
    re: /(?<![A-Za-z])(?:Chrome|IE|Firefox|Edge|Safari|Opera|Windows|Win|iOS|Android|macOS|Office|HTML|Java|Python|version|Version|ver\.?|V|v)\s?\d+(?:\.\d+)*/g,
    requires: /[A-Za-z]\s?\d/,
  },
  // IE9及以上版本, 80以上版本, 2.0版本
  { re: /(?<![\d.])\d+(?:\.\d+)*\s*(?:及以上|以上|或以上|及更高)?\s*版本/g, requires: /版本/ },
];

export function findNonQuantitySpans(text: string): [number, number][] {
  let spans: [number, number][] = [];
  if (!/\d/.test(text)) return spans;
  for (const { re, requires } of PATTERNS) {
    if (!requires.test(text)) continue;
    const found: [number, number][] = [];
    for (const m of text.matchAll(re)) found.push([m.index, m.index + m[0].length]);
    // Each pattern's matches come in order: merging keeps the whole linear (no sort of n spans).
    if (found.length > 0) spans = mergeSortedSpans(spans, found);
  }
  return spans;
}

/** Two span lists sorted by start, merged into one sorted list. */
export function mergeSortedSpans(a: [number, number][], b: [number, number][]): [number, number][] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]![0] <= b[j]![0] ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
