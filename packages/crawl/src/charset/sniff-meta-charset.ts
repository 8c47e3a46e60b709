/**
 * Prescan window for <meta charset> / http-equiv. WHATWG scans 1024 bytes; Chinese government pages often
 * put long comment blocks and scripts first, so we look further.
 */
export const META_PRESCAN_BYTES = 4096;

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const META_TAG = /<meta\b[^>]*>/gi;
const CHARSET_ATTR = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;
const HTTP_EQUIV = /\bhttp-equiv\s*=\s*["']?\s*content-type/i;
const CONTENT_ATTR = /\bcontent\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** The charset label declared by the first <meta charset> or http-equiv Content-Type in the head, unnormalized. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so ASCII markup survives whatever the real charset is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_PRESCAN_BYTES))
    .toString("latin1")
    .replace(COMMENT, "");
  for (const [tag] of head.matchAll(META_TAG)) {
    if (HTTP_EQUIV.test(tag)) {
      const content = CONTENT_ATTR.exec(tag);
      const value = content?.[2] ?? content?.[3] ?? content?.[4] ?? "";
      const declared = CHARSET_ATTR.exec(value)?.[1];
      if (declared) return declared;
      continue;
    }
    // <meta charset="..."> (the attribute itself, not a content="...charset=..." of another meta)
    const direct = /<meta\b[^>]*?\s(?:charset)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(tag);
    if (direct?.[1]) return direct[1];
  }
  return null;
}
