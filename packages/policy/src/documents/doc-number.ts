/**
 * 发文字号 in one spelling: sites write 沪府办发〔2022〕11号, 沪府办发[2022]11号, 沪府办发（2022）11号
 * or with full-width digits and spaces; all become 沪府办发〔2022〕11号.
 */
export function normalizeDocNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]/g, "〔$1〕")
    .replace(/第(\d+)号$/, "$1号");
  return /〔\d{4}〕\d+号$/.test(text) ? text : text || null;
}

// An issuing organ's abbreviation, the year in any bracket, the number: 沪经信规范〔2021〕3号.
const DOC_NUMBER = /[\u4e00-\u9fa5A-Za-z]{1,16}\s*[[［(（【〔]\s*\d{4}\s*[\]］)）】〕]\s*第?\s*\d{1,5}\s*号/g;
const REPEALS = /废止|修订|修正|替代|代替|停止执行|不再执行|同时失效|自行失效|予以废止/;

/**
 * Document numbers the text names (possibly with a leading word such as 原; compare by suffix) as repealed or revised: 原《…》（沪府办发〔2020〕5号）同时废止.
 * Only sentences that say 废止/修订/… count, so a plain citation ("根据…〔2019〕3号") is no link.
 */
export function findRepealedDocNumbers(text: string, ownDocNumber?: string | null): string[] {
  const own = normalizeDocNumber(ownDocNumber);
  const found = new Set<string>();
  for (const sentence of text.split(/(?<=[。；;！!？?\n])/)) {
    if (!REPEALS.test(sentence)) continue;
    for (const match of sentence.normalize("NFKC").matchAll(DOC_NUMBER)) {
      const number = normalizeDocNumber(match[0]);
      if (number && number !== own) found.add(number);
    }
  }
  return [...found];
}
