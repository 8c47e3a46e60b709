import { foldWidth } from "../text/fold-width.ts";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const NUMERIC = /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)/;
const MONTH_FIRST =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const DAY_FIRST =
  /\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b/i;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** First calendar date in a string as YYYY-MM-DD: 2022-07-08, 2022年07月08日, 2022/7/8, Jul 11, 2022. */
export function parseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = foldWidth(value);
  const numeric = NUMERIC.exec(text);
  if (numeric) return iso(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    return iso(
      Number(monthFirst[3]),
      MONTHS.indexOf(monthFirst[1]!.slice(0, 3).toLowerCase()) + 1,
      Number(monthFirst[2]),
    );
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    return iso(
      Number(dayFirst[3]),
      MONTHS.indexOf(dayFirst[2]!.slice(0, 3).toLowerCase()) + 1,
      Number(dayFirst[1]),
    );
  }
  return null;
}
