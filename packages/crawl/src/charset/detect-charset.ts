import { chardet } from "jschardet";
import { normalizeCharsetLabel } from "./charset-label.ts";

export interface DetectedCharset {
  charset: string;
  confidence: number;
}

/**
 * Statistical detection (jschardet 4, a port of chardet 7) limited to encodings of the modern web, so a
 * short Chinese snippet is not taken for a DOS code page.
 */
export function detectCharset(bytes: Uint8Array): DetectedCharset | null {
  const sample = bytes.byteLength > 200_000 ? bytes.subarray(0, 200_000) : bytes;
  const candidates = chardet.detectAll(sample, {
    encodingEra: chardet.EncodingEra.MODERN_WEB,
    preferSuperset: true,
  });
  for (const candidate of candidates) {
    const charset = normalizeCharsetLabel(candidate.encoding);
    if (charset) return { charset, confidence: candidate.confidence };
  }
  return null;
}
