import type { ChangeView } from "@trackwatch/db";
import type { Locale } from "../i18n/locale.ts";
import { kindName, trackName } from "../i18n/messages.ts";
import { formatChangeSide } from "./format-value.ts";

// XML 1.0 forbids most control characters even when escaped; crawled text may carry them.
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function changeTitle(change: ChangeView, locale: Locale): string {
  const what = change.metric ?? kindName(change.kind, locale);
  return `${trackName(change.track, locale)} · ${what}: ${formatChangeSide(change.before, locale)} → ${formatChangeSide(change.after, locale)}`;
}

/** An Atom 1.0 feed (RFC 4287) of one page of the change log. */
export function renderChangesAtom(input: {
  changes: ChangeView[];
  publicUrl: string;
  /** Path and query of this feed, for rel=self. */
  selfPath: string;
  htmlPath: string;
  title: string;
  locale: Locale;
}): string {
  const base = input.publicUrl.replace(/\/+$/, "");
  const host = new URL(base).hostname || "localhost";
  const updated = (input.changes[0]?.detectedAt ?? new Date(0)).toISOString();
  const entries = input.changes.map((change) => {
    const link = `${base}/documents/${change.document.id}#change-${change.id}`;
    const summary = [change.sentence, change.document.title, change.document.docNumber]
      .filter(Boolean)
      .join("\n");
    return [
      "  <entry>",
      `    <id>tag:${escapeXml(host)},2026:change/${change.id}</id>`,
      `    <title type="text">${escapeXml(changeTitle(change, input.locale))}</title>`,
      `    <updated>${change.detectedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      change.track ? `    <category term="${escapeXml(change.track)}"/>` : "",
      `    <category term="${escapeXml(change.kind)}"/>`,
      `    <summary type="text">${escapeXml(summary)}</summary>`,
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${input.locale === "zh" ? "zh-CN" : "en"}">`,
    `  <id>${escapeXml(`${base}${input.selfPath}`)}</id>`,
    `  <title type="text">${escapeXml(input.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}${input.selfPath}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${base}${input.htmlPath}`)}"/>`,
    "  <author><name>Trackwatch</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
