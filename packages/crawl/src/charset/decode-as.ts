import iconv from "iconv-lite";

export interface DecodeAttempt {
  text: string;
  /** Undecodable byte sequences, each replaced by U+FFFD. */
  invalidSequences: number;
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) count++;
  return count;
}

/** Decodes bytes (without a BOM) in a known charset, counting the sequences that charset cannot decode. */
export function decodeAs(bytes: Uint8Array, charset: string): DecodeAttempt {
  if (charset === "utf-8") {
    try {
      return { text: fatalUtf8.decode(bytes), invalidSequences: 0 };
    } catch {
      const text = lenientUtf8.decode(bytes);
      // Subtract U+FFFD that were literally encoded in the source (EF BF BD).
      const literal =
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1").split("\xef\xbf\xbd")
          .length - 1;
      return { text, invalidSequences: Math.max(1, countReplacements(text) - literal) };
    }
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(buffer, charset, { stripBOM: false });
  return { text, invalidSequences: countReplacements(text) };
}

/** True when the bytes are valid UTF-8 and contain at least one multi-byte sequence. */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let nonAscii = false;
  for (const byte of bytes) {
    if (byte >= 0x80) {
      nonAscii = true;
      break;
    }
  }
  if (!nonAscii) return false;
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-8 with a few broken sequences (a truncated character, a stray byte) rather than another charset:
 * under 20% of the non-ASCII characters are undecodable (GBK read as UTF-8 is ~85% undecodable).
 */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  const attempt = decodeAs(bytes, "utf-8");
  let nonAscii = 0;
  for (const char of attempt.text) if (char.codePointAt(0)! > 0x7f) nonAscii++;
  const valid = nonAscii - attempt.invalidSequences;
  return valid > 0 && attempt.invalidSequences / nonAscii < 0.2;
}

export function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}
