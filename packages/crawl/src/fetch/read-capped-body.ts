import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
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

/** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; look at the first bytes. */
function createDeflateDecoder(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const outer = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!inner) {
        const [b0 = 0, b1 = 0] = chunk;
        const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
        inner = zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on("data", (data: Buffer) => outer.push(data));
        inner.on("error", (error) => outer.destroy(error));
      }
      inner.write(chunk, () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once("end", () => callback());
      inner.end();
    },
    destroy(error, callback) {
      inner?.destroy();
      callback(error);
    },
  });
  return outer;
}

function createDecoders(contentEncoding: string | null): Transform[] {
  if (!contentEncoding) return [];
  // Codings are listed in the order they were applied, so undo them in reverse.
  const codings = contentEncoding
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== "identity")
    .reverse();
  return codings.flatMap((coding): Transform[] => {
    if (coding === "gzip" || coding === "x-gzip") return [zlib.createGunzip()];
    if (coding === "deflate") return [createDeflateDecoder()];
    if (coding === "br") return [zlib.createBrotliDecompress()];
    return [];
  });
}

/**
 * Reads a response body, undoing Content-Encoding, and stops as soon as either the bytes on the wire or
 * the decoded bytes pass `maxBytes`: a 30 MB page and a 10 KB gzip bomb both end at the cap.
 */
export async function readCappedBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
): Promise<CappedBody> {
  let transferredBytes = 0;
  let decodedBytes = 0;
  const chunks: Buffer[] = [];
  const hash = createHash("sha256");

  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      transferredBytes += chunk.length;
      if (transferredBytes > maxBytes) callback(new TooLargeError(maxBytes, "compressed"));
      else callback(null, chunk);
    },
  });
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) return callback(new TooLargeError(maxBytes, "decoded"));
      chunks.push(chunk);
      hash.update(chunk);
      callback();
    },
  });

  await pipeline([body, countWire, ...createDecoders(contentEncoding), collect]);
  return { bytes: Buffer.concat(chunks, decodedBytes), sha256: hash.digest("hex"), transferredBytes };
}
