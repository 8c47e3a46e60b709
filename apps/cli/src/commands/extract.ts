import { readFile } from "node:fs/promises";
import { createFetcher, decodeBody } from "@trackwatch/crawl";
import { type Extraction, extractPolicy } from "@trackwatch/policy";
import { type Command, UsageError } from "../command.ts";

const USAGE = `
usage: trackwatch extract FILE_OR_URL [--text] [--base URL]

Extracts document metadata, tracks, targets and rules from a policy page (HTML or plain text)
and prints one JSON object (the corpus gold shape, plus key/metric/text/span on each item).
A file is decoded as a browser would (BOM, <meta charset>, http-equiv, then detection: UTF-8,
GBK, GB2312, GB18030). An http(s) URL is fetched.

  --text        print the extracted main text instead of the JSON
  --base URL    resolve list-page links against URL
`;

// More than this share of U+FFFD means the bytes were not text in any charset we know.
const MAX_REPLACEMENT_SHARE = 0.05;

interface Loaded {
  text: string;
  url?: string;
  contentType?: string;
}

async function loadFromUrl(url: string): Promise<Loaded> {
  const fetcher = createFetcher({ retries: 0 });
  try {
    const result = await fetcher.fetchPage(url, { allow: [new URL(url).hostname] });
    if (!result.ok) throw new Error(`could not fetch ${url}: ${result.message}`);
    const decoded = decodeBody(result.bytes, result.contentType);
    return { text: decoded.text, url: result.url, contentType: result.contentType ?? undefined };
  } finally {
    await fetcher.close();
  }
}

async function loadFromFile(path: string): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT" ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`,
    );
  }
  const decoded = decodeBody(bytes);
  let bad = 0;
  for (const ch of decoded.text) if (ch === "\uFFFD") bad++;
  if (decoded.text.length > 0 && bad / decoded.text.length > MAX_REPLACEMENT_SHARE) {
    throw new Error(`cannot decode ${path}: not text in a known encoding (tried ${decoded.charset})`);
  }
  return { text: decoded.text };
}

/** The printed shape: the Extraction without its (long) main text. */
function toOutput(extraction: Extraction): Record<string, unknown> {
  const { text: _text, ...rest } = extraction;
  return rest;
}

export const extractCommand: Command = {
  usage: USAGE,
  async run(argv) {
    let target: string | undefined;
    let textOnly = false;
    let base: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === "--text") textOnly = true;
      else if (arg === "--base") {
        base = argv[++i];
        if (!base) throw new UsageError("--base needs a URL");
      } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
      else if (target) throw new UsageError("give one FILE_OR_URL");
      else target = arg;
    }
    if (!target) throw new UsageError("missing FILE_OR_URL");
    const loaded = /^https?:\/\//i.test(target) ? await loadFromUrl(target) : await loadFromFile(target);
    const extraction = extractPolicy(loaded.text, {
      url: loaded.url,
      baseUrl: base ?? loaded.url,
      contentType: loaded.contentType,
    });
    if (textOnly) process.stdout.write(`${extraction.text}\n`);
    else process.stdout.write(`${JSON.stringify(toOutput(extraction), null, 2)}\n`);
    return 0;
  },
};
