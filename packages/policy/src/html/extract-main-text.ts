import type { CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";
import { findMainContent } from "./find-main-content.ts";
import { type ExtractionInput, loadInput, normalizePlainText } from "./load-input.ts";
import { type RenderedText, renderText } from "./render-text.ts";

export interface MainText extends RenderedText {
  /** Null for plain-text input. */
  $: CheerioAPI | null;
  /** Density score of the chosen body container (0 when none was found). */
  contentScore: number;
  /** The chosen body container, null for plain text or when the whole page was used. */
  contentElement: AnyNode | null;
  warnings: string[];
}

// Below this much prose the "best" container is probably a menu: fall back to the whole body.
const MIN_CONTENT_CHARS = 40;

/** Stage 1: html → the main text of the page, one line per block, with page chrome removed. */
export function extractMainText(input: ExtractionInput): MainText {
  const warnings: string[] = [];
  let loaded: ReturnType<typeof loadInput>;
  try {
    loaded = loadInput(input);
  } catch (error) {
    const text = typeof input === "string" ? normalizePlainText(input) : "";
    warnings.push(`could not parse HTML: ${(error as Error).message}`);
    return { $: null, text, blocks: linesAsBlocks(text), contentScore: 0, contentElement: null, warnings };
  }
  if (loaded.kind === "text") {
    if (loaded.warning) warnings.push(loaded.warning);
    return {
      $: null,
      text: loaded.text,
      blocks: linesAsBlocks(loaded.text),
      contentScore: 0,
      contentElement: null,
      warnings,
    };
  }
  const $ = loaded.$;
  const root = ($.root()[0] ?? null) as AnyNode | null;
  if (!root)
    return { $, text: "", blocks: [], contentScore: 0, contentElement: null, warnings: ["empty document"] };
  const body = findBody(root);
  const best = findMainContent(body);
  if (!best || best.textLength < MIN_CONTENT_CHARS) {
    warnings.push("no main content container found; using the whole page without chrome");
    const rendered = renderText(body);
    if (!rendered.text) {
      const raw = renderText(body, { skipChrome: false });
      return { $, ...raw, contentScore: 0, contentElement: null, warnings };
    }
    return { $, ...rendered, contentScore: best?.score ?? 0, contentElement: null, warnings };
  }
  return { $, ...renderText(best.element), contentScore: best.score, contentElement: best.element, warnings };
}

export function linesAsBlocks(text: string): RenderedText["blocks"] {
  const blocks: RenderedText["blocks"] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    blocks.push({ start, end: start + line.length, heading: false });
    start += line.length + 1;
  }
  return text ? blocks : [];
}

/** <body> (a child of <html> or of the root), else the root: no CSS query on deep trees. */
export function findBody(root: AnyNode): AnyNode {
  const level = (node: AnyNode): AnyNode[] =>
    ((node as unknown as { children?: AnyNode[] }).children ?? []).filter((c) => c.type === "tag");
  for (const child of level(root)) {
    if ((child as unknown as { name: string }).name === "body") return child;
    if ((child as unknown as { name: string }).name === "html") {
      const body = level(child).find((c) => (c as unknown as { name: string }).name === "body");
      if (body) return body;
    }
  }
  return root;
}
