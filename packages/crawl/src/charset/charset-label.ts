import iconv from "iconv-lite";

/**
 * Labels mapped the way browsers map them (WHATWG Encoding Standard): GB2312 and GBK pages are decoded
 * as GB18030, their superset, because real "gb2312" pages routinely contain GBK-only characters; Latin-1
 * and ASCII labels mean windows-1252.
 */
const ALIASES: Record<string, string> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "x-unicode20utf8": "utf-8",
  gb2312: "gb18030",
  gb_2312: "gb18030",
  "gb_2312-80": "gb18030",
  csgb2312: "gb18030",
  "iso-ir-58": "gb18030",
  chinese: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  cp936: "gb18030",
  "windows-936": "gb18030",
  "euc-cn": "gb18030",
  gb18030: "gb18030",
  big5: "big5",
  "big5-hkscs": "big5",
  "cn-big5": "big5",
  csbig5: "big5",
  "x-x-big5": "big5",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "windows-1252": "windows-1252",
  "utf-16": "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

/** Canonical charset name for a label, or null when neither the alias table nor iconv-lite knows it. */
export function normalizeCharsetLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim()
    .toLowerCase();
  if (!key) return null;
  const alias = ALIASES[key];
  if (alias) return alias;
  return iconv.encodingExists(key) ? key : null;
}

/** Multi-byte CJK charsets, whose fit to the bytes can be checked by counting undecodable sequences. */
export function isMultiByteCharset(charset: string): boolean {
  return (
    charset === "utf-8" ||
    charset === "gb18030" ||
    charset === "big5" ||
    /^(shift_jis|euc-jp|euc-kr)$/.test(charset)
  );
}
