import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

export class TooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly which: "compressed" | "decoded",
  ) {
    super(`response body exceeds ${limit} bytes (${which})`);
  }
}

export interface CappedBody {
  bytes: Buffer;
  sha256: string;
  transferredBytes: number;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);
/**
 * Compressed bodies up to this size are inflated on the spot: a few hundred microseconds at most,
 * against a thread-pool hop that waits for a busy event loop while the host's slot is still held.
 */
const INFLATE_INLINE_MAX = 64 * 1024;

async function readRaw(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Throwing out of for-await destroys the stream, which aborts the response.
    if (size > maxBytes) throw new TooLargeError(maxBytes, "compressed");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

async function decodeOne(input: Buffer, coding: string, maxBytes: number): Promise<Buffer> {
  // maxOutputLength makes zlib stop as soon as the output passes the cap: a gzip bomb never inflates.
  const options = { maxOutputLength: maxBytes + 1 };
  const inline = input.length <= INFLATE_INLINE_MAX;
  try {
    let output: Buffer;
    if (coding === "gzip" || coding === "x-gzip")
      output = inline ? zlib.gunzipSync(input, options) : await gunzip(input, options);
    else if (coding === "br")
      output = inline ? zlib.brotliDecompressSync(input, options) : await brotliDecompress(input, options);
    else if (coding === "deflate") {
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; look at the header.
      const [b0 = 0, b1 = 0] = input;
      const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
      if (inline)
        output = zlibWrapped ? zlib.inflateSync(input, options) : zlib.inflateRawSync(input, options);
      else output = await (zlibWrapped ? inflate(input, options) : inflateRaw(input, options));
    } else return input; // unknown coding: keep the bytes as sent
    if (output.length > maxBytes) throw new TooLargeError(maxBytes, "decoded");
    return output;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new TooLargeError(maxBytes, "decoded");
    throw error;
  }
}

/**
 * Reads a response body and undoes Content-Encoding, stopping as soon as either the bytes on the wire or
 * the decoded bytes pass `maxBytes`: a 30 MB page and a 10 KB gzip bomb both end at the cap.
 */
export async function readCappedBody(
  body: AsyncIterable<Buffer>,
  contentEncoding: string | null,
  maxBytes: number,
): Promise<CappedBody> {
  const raw = await readRaw(body, maxBytes);
  // Codings are listed in the order they were applied, so undo them in reverse.
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== "identity")
    .reverse();
  let bytes = raw;
  for (const coding of codings) bytes = await decodeOne(bytes, coding, maxBytes);
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex"), transferredBytes: raw.length };
}
