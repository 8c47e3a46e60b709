import { z } from "zod";
import { describeChange } from "../describe-change.ts";
import { escapeHtml } from "../escape-html.ts";
import { MAIL_LOCALES, type MailLocale } from "../locale.ts";
import { summarizeSubject } from "../summarize-changes.ts";
import { trackLabel } from "../track-label.ts";
import { layout, link, type RenderedMail, STYLE } from "./layout.ts";

export const digestChangeSchema = z.object({
  id: z.number().int(),
  kind: z.string().min(1),
  track: z.string().nullable(),
  key: z.string().nullable(),
  metric: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  sentence: z.string().nullable(),
  document: z.object({ id: z.number().int(), title: z.string().nullable(), url: z.string() }),
});
export type DigestChange = z.infer<typeof digestChangeSchema>;

export const digestPropsSchema = z.object({
  locale: z.enum(MAIL_LOCALES),
  /** Where the web app is reached; document pages are linked under it. */
  publicUrl: z.url(),
  manageUrl: z.url(),
  unsubscribeUrl: z.url(),
  changes: z.array(digestChangeSchema).min(1, "a digest with nothing to say is not sent"),
});
export type DigestProps = z.infer<typeof digestPropsSchema>;

const TEXT = {
  zh: {
    heading: (n: number) => `${n} 项政策变化`,
    documentPage: "文件详情",
    source: "原文",
    untitled: "（无标题）",
    was: "原为",
    manage: "管理订阅偏好",
    unsubscribe: "退订",
    why: "你收到这封邮件，是因为你订阅了 Trackwatch 新赛道政策摘要。",
  },
  en: {
    heading: (n: number) => `${n} policy ${n === 1 ? "change" : "changes"}`,
    documentPage: "Document page",
    source: "Source",
    untitled: "(untitled)",
    was: "was",
    manage: "Manage preferences",
    unsubscribe: "Unsubscribe",
    why: "You receive this because you subscribed to Trackwatch digests of new-track policy changes.",
  },
} as const;

interface DocumentGroup {
  document: DigestChange["document"];
  changes: DigestChange[];
}
interface TrackGroup {
  track: string | null;
  documents: DocumentGroup[];
}

/** By track (in the order of their first change), then by document, changes in log order. */
export function groupDigestChanges(changes: DigestChange[]): TrackGroup[] {
  const tracks = new Map<string | null, Map<number, DocumentGroup>>();
  for (const change of [...changes].sort((a, b) => a.id - b.id)) {
    const documents = tracks.get(change.track) ?? new Map<number, DocumentGroup>();
    tracks.set(change.track, documents);
    const group = documents.get(change.document.id) ?? { document: change.document, changes: [] };
    documents.set(change.document.id, group);
    group.changes.push(change);
  }
  return [...tracks].map(([track, documents]) => ({ track, documents: [...documents.values()] }));
}

function documentPageUrl(publicUrl: string, id: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/documents/${id}`;
}

function valuesLine(locale: MailLocale, before: string | null, after: string | null) {
  const t = TEXT[locale];
  if (before && after)
    return {
      text: `${before} → ${after}`,
      html: `<span style="${STYLE.before}">${escapeHtml(before)}</span> → <span style="${STYLE.after}">${escapeHtml(after)}</span>`,
    };
  if (after) return { text: after, html: `<span style="${STYLE.after}">${escapeHtml(after)}</span>` };
  if (before)
    return {
      text: `(${t.was} ${before})`,
      html: `<span style="${STYLE.before}">${escapeHtml(before)}</span>`,
    };
  return null;
}

export function renderDigest(input: DigestProps): RenderedMail {
  const props = digestPropsSchema.parse(input);
  const { locale } = props;
  const t = TEXT[locale];
  const subject = summarizeSubject(props.changes, locale);
  const html: string[] = [`<h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>`];
  const text: string[] = [subject, "=".repeat(Math.min(60, subject.length * 2)), ""];

  for (const group of groupDigestChanges(props.changes)) {
    const label = trackLabel(group.track, locale);
    html.push(`<h2 style="${STYLE.h2}">${escapeHtml(label)}</h2>`);
    text.push(`## ${label}`, "");
    for (const { document, changes } of group.documents) {
      const title = document.title ?? t.untitled;
      const page = documentPageUrl(props.publicUrl, document.id);
      html.push(
        `<h3 style="${STYLE.h3}">${escapeHtml(title)}</h3>`,
        `<p style="${STYLE.links}">${link(page, t.documentPage)} · ${link(document.url, t.source)}</p>`,
      );
      text.push(`### ${title}`, `${t.documentPage}: ${page}`, `${t.source}: ${document.url}`, "");
      for (const change of changes) {
        const d = describeChange(change, locale);
        const values = valuesLine(locale, d.before, d.after);
        const head = [d.kindLabel, d.metricLabel].filter(Boolean).join(" · ");
        html.push(
          `<div style="${STYLE.item}">`,
          `<div style="${STYLE.kind}">${escapeHtml(head)}</div>`,
          values ? `<div style="${STYLE.values}">${values.html}</div>` : "",
          change.sentence
            ? `<blockquote style="${STYLE.quote}">${escapeHtml(change.sentence)}</blockquote>`
            : "",
          "</div>",
        );
        text.push(`- ${head}${values ? `: ${values.text}` : ""}`);
        if (change.sentence) text.push(`  “${change.sentence}”`);
      }
      text.push("");
    }
  }

  const footer = `${escapeHtml(t.why)}<br>${link(props.manageUrl, t.manage)} · ${link(props.unsubscribeUrl, t.unsubscribe)}`;
  text.push("--", t.why, `${t.manage}: ${props.manageUrl}`, `${t.unsubscribe}: ${props.unsubscribeUrl}`, "");
  return {
    subject,
    html: layout({ locale, title: subject, body: html.filter(Boolean).join("\n"), footer }),
    text: text.join("\n"),
  };
}

const base = {
  track: "metaverse",
  document: {
    id: 101,
    title: "上海市培育“元宇宙”新赛道行动方案（2022—2025年）",
    url: "https://www.shanghai.gov.cn/nw12344/20220708/metaverse.html",
  },
};

/** Shanghai's Metaverse plan, revised: used by `trackwatch digest --preview` and the tests. */
export const DIGEST_PREVIEW: DigestProps = {
  locale: "zh",
  publicUrl: "http://localhost:3000",
  manageUrl: "http://localhost:3000/preferences/preview-manage-token",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/preview-unsubscribe-token",
  changes: [
    {
      ...base,
      id: 1,
      kind: "target-changed",
      key: "metaverse/industry-scale",
      metric: "产业规模",
      before: { comparator: ">=", value: 350_000_000_000, unit: "CNY", year: 2025 },
      after: { comparator: ">=", value: 400_000_000_000, unit: "CNY", year: 2025 },
      sentence: "到2025年，元宇宙相关产业规模达到4000亿元。",
    },
    {
      ...base,
      id: 2,
      kind: "target-changed",
      key: "metaverse/leading-firms",
      metric: "龙头企业",
      before: { comparator: ">=", value: 10, unit: "count", year: 2025 },
      after: { comparator: ">", value: 15, unit: "count", year: 2026 },
      sentence: "培育超过15家具有国际竞争力的龙头企业。",
    },
    {
      ...base,
      id: 3,
      kind: "rule-added",
      key: "metaverse/industrial-fund",
      metric: "产业基金",
      before: null,
      after: { kind: "fund", amount: 10_000_000_000, percent: null, comparator: ">=" },
      sentence: "设立百亿级元宇宙产业基金。",
    },
  ],
};
