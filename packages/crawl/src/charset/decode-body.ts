import { isMultiByteCharset, normalizeCharsetLabel } from "./charset-label.ts";
import { charsetFromContentType } from "./content-type-charset.ts";
import { decodeAs, isAscii, isMostlyUtf8, looksLikeUtf8 } from "./decode-as.ts";
import { detectCharset } from "./detect-charset.ts";
import { sniffBom } from "./sniff-bom.ts";
import { sniffMetaCharset } from "./sniff-meta-charset.ts";

export type CharsetSource = "header" | "bom" | "meta" | "detected" | "default";

export interface DecodedBody {
  text: string;
  /** Canonical charset actually used (gb2312/gbk are reported as gb18030, latin1 as windows-1252). */
  charset: string;
  source: CharsetSource;
  /** What was odd: unknown or conflicting labels, mislabelled or invalid bytes. Empty for a clean page. */
  warnings: string[];
}

interface Declared {
  source: "header" | "meta";
  label: string;
  charset: string;
}

const WHERE = { header: "Content-Type", meta: "<meta> charset" } as const;

/**
 * Bytes → text, deciding the charset like a browser (BOM, then Content-Type, then <meta>) but checking
 * each declaration against the bytes: official sites often send "utf-8" headers over GBK bodies, so a
 * declaration the bytes contradict falls through to the next one and finally to detection.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedBody {
  const warnings: string[] = [];

  const bom = sniffBom(bytes);
  const headerLabel = charsetFromContentType(contentType);
  const headerCharset = normalizeCharsetLabel(headerLabel);
  if (headerLabel && !headerCharset)
    warnings.push(`unknown charset "${headerLabel}" in Content-Type ignored`);

  if (bom) {
    if (headerCharset && headerCharset !== bom.charset) {
      warnings.push(
        `Content-Type declares ${headerCharset} but the body starts with a ${bom.charset} BOM; BOM used`,
      );
    }
    const attempt = decodeAs(bytes.subarray(bom.length), bom.charset);
    if (attempt.invalidSequences > 0) {
      warnings.push(`${attempt.invalidSequences} invalid ${bom.charset} byte sequences replaced with U+FFFD`);
    }
    return { text: attempt.text, charset: bom.charset, source: "bom", warnings };
  }

  const declared: Declared[] = [];
  if (headerLabel && headerCharset)
    declared.push({ source: "header", label: headerLabel, charset: headerCharset });
  if (!contentType || /html|xml/i.test(contentType)) {
    const metaLabel = sniffMetaCharset(bytes);
    let metaCharset = normalizeCharsetLabel(metaLabel);
    if (metaLabel && !metaCharset) warnings.push(`unknown charset "${metaLabel}" in <meta> ignored`);
    // A <meta> can only be read if the page is ASCII-compatible, so a utf-16 claim there means utf-8 (WHATWG).
    if (metaCharset?.startsWith("utf-16")) metaCharset = "utf-8";
    if (metaLabel && metaCharset) declared.push({ source: "meta", label: metaLabel, charset: metaCharset });
  }

  const ascii = isAscii(bytes);
  const utf8 = !ascii && looksLikeUtf8(bytes);

  for (const [index, candidate] of declared.entries()) {
    const where = WHERE[candidate.source];
    const conflict = () => {
      const other = declared.find((d, i) => i !== index && d.charset !== candidate.charset);
      if (other) {
        warnings.push(
          `${where} declares ${candidate.charset} but ${WHERE[other.source]} declares ${other.charset}; ${candidate.charset} fits the bytes and was used`,
        );
      }
    };

    if (ascii) {
      if (candidate.charset.startsWith("utf-16")) continue;
      conflict();
      return {
        text: decodeAs(bytes, candidate.charset).text,
        charset: candidate.charset,
        source: candidate.source,
        warnings,
      };
    }

    if (candidate.charset !== "utf-8" && utf8) {
      warnings.push(`${where} declares ${candidate.charset} but the body is valid UTF-8; decoded as utf-8`);
      return { text: decodeAs(bytes, "utf-8").text, charset: "utf-8", source: "detected", warnings };
    }

    if (isMultiByteCharset(candidate.charset)) {
      const attempt = decodeAs(bytes, candidate.charset);
      if (attempt.invalidSequences === 0) {
        conflict();
        return { text: attempt.text, charset: candidate.charset, source: candidate.source, warnings };
      }
      warnings.push(
        `${where} declares ${candidate.charset} but ${attempt.invalidSequences} byte sequences are invalid in it`,
      );
      continue;
    }

    // Single-byte labels (iso-8859-1, windows-1252) accept any bytes, so they cannot be disproved by
    // decoding; a clean multi-byte alternative from a later declaration or from detection wins instead.
    const better = declared
      .slice(index + 1)
      .find((d) => isMultiByteCharset(d.charset) && decodeAs(bytes, d.charset).invalidSequences === 0);
    if (better) {
      warnings.push(
        `${where} declares ${candidate.charset} but ${WHERE[better.source]} declares ${better.charset}, which fits the bytes; ${better.charset} used`,
      );
      return {
        text: decodeAs(bytes, better.charset).text,
        charset: better.charset,
        source: better.source,
        warnings,
      };
    }
    const detected = detectCharset(bytes);
    if (detected && detected.charset !== candidate.charset && isMultiByteCharset(detected.charset)) {
      const attempt = decodeAs(bytes, detected.charset);
      if (attempt.invalidSequences === 0) {
        warnings.push(
          `${where} declares ${candidate.charset} but the bytes look like ${detected.charset}; ${detected.charset} used`,
        );
        return { text: attempt.text, charset: detected.charset, source: "detected", warnings };
      }
    }
    return {
      text: decodeAs(bytes, candidate.charset).text,
      charset: candidate.charset,
      source: candidate.source,
      warnings,
    };
  }

  if (ascii) return { text: decodeAs(bytes, "utf-8").text, charset: "utf-8", source: "default", warnings };
  if (utf8) return { text: decodeAs(bytes, "utf-8").text, charset: "utf-8", source: "detected", warnings };

  if (isMostlyUtf8(bytes)) {
    const attempt = decodeAs(bytes, "utf-8");
    warnings.push(`invalid UTF-8: ${attempt.invalidSequences} byte sequences replaced with U+FFFD`);
    return {
      text: attempt.text,
      charset: "utf-8",
      source: declared[0]?.charset === "utf-8" ? declared[0].source : "detected",
      warnings,
    };
  }

  const detected = detectCharset(bytes);
  if (detected) {
    const attempt = decodeAs(bytes, detected.charset);
    if (attempt.invalidSequences === 0) {
      if (declared.length > 0)
        warnings.push(
          `detected ${detected.charset} (confidence ${detected.confidence.toFixed(2)}) used instead`,
        );
      return { text: attempt.text, charset: detected.charset, source: "detected", warnings };
    }
  }

  // Nothing fits cleanly: take the least damaging candidate and say how much was lost.
  const options: { charset: string; source: CharsetSource }[] = [
    ...declared.map((d) => ({ charset: d.charset, source: d.source })),
    ...(detected ? [{ charset: detected.charset, source: "detected" as const }] : []),
    { charset: "utf-8", source: "default" },
  ];
  let best: { charset: string; source: CharsetSource; text: string; invalidSequences: number } | null = null;
  for (const option of options) {
    const attempt = decodeAs(bytes, option.charset);
    if (!best || attempt.invalidSequences < best.invalidSequences) best = { ...option, ...attempt };
  }
  const chosen = best!;
  warnings.push(
    `no charset fits the bytes; decoded as ${chosen.charset} with ${chosen.invalidSequences} invalid byte sequences replaced with U+FFFD`,
  );
  return { text: chosen.text, charset: chosen.charset, source: chosen.source, warnings };
}
