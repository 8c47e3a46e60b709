import { escapeHtml, safeHref } from "../escape-html.ts";
import type { MailLocale } from "../locale.ts";

/**
 * Styles are inline on each element: many mail clients drop <style> blocks. No images, so the mail
 * reads the same with remote content blocked.
 */
export const STYLE = {
  body: "margin:0;padding:0;background:#f4f5f7;",
  container:
    "max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:15px;line-height:1.6;color:#1f2328;",
  brand: "font-size:13px;color:#57606a;letter-spacing:0.04em;margin:0 0 8px;",
  h1: "font-size:20px;margin:0 0 16px;color:#1f2328;",
  h2: "font-size:17px;margin:24px 0 8px;padding-bottom:4px;border-bottom:2px solid #0969da;color:#0969da;",
  h3: "font-size:15px;margin:16px 0 6px;color:#1f2328;",
  links: "font-size:13px;color:#57606a;margin:0 0 8px;",
  a: "color:#0969da;text-decoration:underline;",
  item: "margin:0 0 12px;padding:8px 12px;border-left:3px solid #d0d7de;background:#f6f8fa;",
  kind: "font-size:12px;color:#57606a;text-transform:uppercase;",
  values: "margin:2px 0;",
  before: "color:#cf222e;text-decoration:line-through;",
  after: "color:#1a7f37;font-weight:bold;",
  quote: "margin:6px 0 0;padding:0 0 0 8px;border-left:2px solid #d0d7de;color:#57606a;font-size:13px;",
  button:
    "display:inline-block;padding:10px 18px;background:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;",
  footer: "margin-top:32px;padding-top:12px;border-top:1px solid #d0d7de;font-size:12px;color:#57606a;",
} as const;

export function link(url: string, text: string): string {
  const href = safeHref(url);
  return href ? `<a href="${href}" style="${STYLE.a}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** The whole HTML document around a body that is already escaped. */
export function layout(input: { locale: MailLocale; title: string; body: string; footer?: string }): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${input.locale === "zh" ? "zh-CN" : "en"}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.container}">`,
    `<p style="${STYLE.brand}">TRACKWATCH</p>`,
    input.body,
    input.footer ? `<div style="${STYLE.footer}">${input.footer}</div>` : "",
    "</div></body></html>",
  ].join("\n");
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
