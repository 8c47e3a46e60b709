import type { FixtureDocument } from "./catalog.ts";
import { renderPlanParagraphs } from "./plan.ts";

/** Per-request page furniture. A counter and a clock in the footer change every response. */
export interface PageChrome {
  visitorCount: number | null;
  renderedAt: Date | null;
}

export const STATIC_CHROME: PageChrome = { visitorCount: null, renderedAt: null };

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function renderVisitorFooter(chrome: PageChrome): string {
  const parts: string[] = [];
  if (chrome.visitorCount !== null)
    parts.push(`您是本站第<span id="visitor-count">${chrome.visitorCount}</span>位访客`);
  if (chrome.renderedAt !== null) {
    parts.push(`今天是${chrome.renderedAt.toISOString().replace("T", " ").slice(0, 19)}`);
  }
  return parts.length ? `<p class="visitor">${parts.join("　")}</p>` : "";
}

/** A plain-text announcement, as some commission notices are published. */
export function renderPlainText(doc: FixtureDocument, plan: FixtureDocument["plan"]): string {
  const lines = [
    doc.title,
    "",
    `发布机构：${doc.issuer}`,
    `发文字号：${doc.docNumber ?? ""}`,
    `发布日期：${doc.publishedAt}`,
    ...(doc.revisedAt ? [`更新日期：${doc.revisedAt}`] : []),
    "",
    ...renderPlanParagraphs(plan, doc.title).flatMap((p) => [
      ...(p.heading ? [p.heading] : []),
      `　　${p.text}`,
    ]),
    "",
    doc.issuer,
    doc.writtenAt,
    "",
  ];
  return lines.join("\n");
}

/** What a CMS shows instead of the article when something is wrong, with status 200. */
export function renderErrorPage(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>404 页面不存在</title></head>
<body><div class="error-page"><h1>对不起，您访问的页面不存在或已被删除</h1>
<p>系统维护中，请稍后再试。<a href="/">返回首页</a></p></div></body></html>
`;
}

/**
 * The list after a site redesign: same announcements, new markup, so the sources' selectors find
 * nothing (source-health tests).
 */
export function renderRedesignedList(input: {
  title: string;
  docs: FixtureDocument[];
  chrome: PageChrome;
}): string {
  const items = input.docs
    .map(
      (doc) =>
        `    <dd class="news-item"><em>${doc.publishedAt}</em><p class="news-title" data-href="${doc.path}">${escapeHtml(doc.title)}</p></dd>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body>
<header class="site-header-2024"><nav><a href="/">首页</a></nav></header>
<main class="column-list">
  <h1>${escapeHtml(input.title)}</h1>
  <dl class="news-list">
${items}
  </dl>
  <script>document.querySelectorAll(".news-title").forEach(function (p) { p.onclick = function () { location.href = p.dataset.href; }; });</script>
</main>
<footer>${renderVisitorFooter(input.chrome)}</footer>
</body></html>
`;
}
