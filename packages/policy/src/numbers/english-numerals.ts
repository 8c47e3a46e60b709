/** English number words: "two", "twenty-five", "one hundred", and the scale words after digits. */

const UNIT_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Scale words after a number: "350 billion", "1.5 trillion", "350bn". */
export const SCALE_WORDS: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const FIRST_LETTERS = new Set([..."zotfsenhZOTFSENH"]);

export function isNumberWord(word: string): boolean {
  if (word.length < 3 || word.length > 9 || !FIRST_LETTERS.has(word[0]!)) return false;
  const w = word.toLowerCase();
  return w in UNIT_WORDS || w === "hundred";
}

export interface EnglishWordNumber {
  value: number;
  /** Offset just after the last number word. */
  end: number;
  /** "one" alone, usually the article ("one of the", "one-stop"). */
  article: boolean;
}

const WORD_AT = /[A-Za-z]+/y;

function wordAt(text: string, i: number): string | null {
  WORD_AT.lastIndex = i;
  const m = WORD_AT.exec(text);
  return m ? m[0] : null;
}

/**
 * Reads a run of number words starting at `start` (the start of a word): "twenty-five",
 * "two hundred and fifty", "five". Scale words above hundred are left for the caller.
 */
export function readEnglishWordNumber(text: string, start: number): EnglishWordNumber | null {
  let i = start;
  let current = 0;
  let words = 0;
  let end = start;
  let first = "";
  // Bounded: at most six words ("two hundred and fifty-five").
  while (words < 6) {
    const w = wordAt(text, i);
    if (!w) break;
    const lw = w.toLowerCase();
    if (lw === "and" && words > 0) {
      const next = wordAt(text, i + 4);
      if (next && next.toLowerCase() in UNIT_WORDS && text[i + 3] === " ") {
        i += 4;
        continue;
      }
      break;
    }
    if (lw in UNIT_WORDS) {
      const v = UNIT_WORDS[lw]!;
      // "twenty five" yes, "five five" no.
      if (words > 0 && current % 100 !== 0 && !(current % 10 === 0 && current % 100 >= 20 && v < 10)) break;
      current += v;
    } else if (lw === "hundred") {
      current = (current || 1) * 100;
    } else break;
    if (words === 0) first = lw;
    words++;
    end = i + w.length;
    const sep = text[end];
    if ((sep === " " || sep === "-") && /[A-Za-z]/.test(text[end + 1] ?? "")) i = end + 1;
    else break;
  }
  if (words === 0) return null;
  return { value: current, end, article: words === 1 && first === "one" };
}
