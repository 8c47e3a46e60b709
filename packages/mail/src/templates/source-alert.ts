import { z } from "zod";
import { escapeHtml } from "../escape-html.ts";
import { MAIL_LOCALES } from "../locale.ts";
import { layout, link, type RenderedMail, STYLE } from "./layout.ts";

export const sourceAlertPropsSchema = z.object({
  locale: z.enum(MAIL_LOCALES),
  sourceId: z.string().min(1),
  sourceName: z.string().min(1),
  health: z.enum(["healthy", "unhealthy"]),
  /** Why the health check changed its mind (crawled text may appear here: escaped). */
  reason: z.string().nullable(),
  /** The admin page of the source. */
  adminUrl: z.url(),
});
export type SourceAlertProps = z.infer<typeof sourceAlertPropsSchema>;

const TEXT = {
  zh: {
    subject: (name: string, healthy: boolean) => `[Trackwatch] 来源${healthy ? "已恢复" : "异常"}：${name}`,
    reason: "原因",
    admin: "在管理页面查看",
  },
  en: {
    subject: (name: string, healthy: boolean) =>
      `[Trackwatch] Source ${healthy ? "recovered" : "unhealthy"}: ${name}`,
    reason: "Reason",
    admin: "Open the admin page",
  },
} as const;

/** Mailed to ADMIN_EMAIL when a source's health flips. */
export function renderSourceAlert(input: SourceAlertProps): RenderedMail {
  const props = sourceAlertPropsSchema.parse(input);
  const t = TEXT[props.locale];
  const subject = t.subject(props.sourceName, props.health === "healthy");
  const reason = props.reason ?? "—";
  const html = [
    `<h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(props.sourceId)}</p>`,
    `<p>${escapeHtml(t.reason)}: ${escapeHtml(reason)}</p>`,
    `<p>${link(props.adminUrl, t.admin)}</p>`,
  ].join("\n");
  const text = [
    subject,
    "",
    props.sourceId,
    `${t.reason}: ${reason}`,
    `${t.admin}: ${props.adminUrl}`,
    "",
  ].join("\n");
  return { subject, html: layout({ locale: props.locale, title: subject, body: html }), text };
}

export const SOURCE_ALERT_PREVIEW: SourceAlertProps = {
  locale: "zh",
  sourceId: "sh-gov",
  sourceName: "上海市人民政府",
  health: "unhealthy",
  reason: "3 consecutive runs found no announcement links on the list page",
  adminUrl: "http://localhost:3000/admin/sources/sh-gov",
};
