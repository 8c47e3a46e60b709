import { z } from "zod";
import { escapeHtml } from "../escape-html.ts";
import { MAIL_LOCALES } from "../locale.ts";
import { trackLabel } from "../track-label.ts";
import { layout, link, type RenderedMail, STYLE } from "./layout.ts";

export const confirmationPropsSchema = z.object({
  locale: z.enum(MAIL_LOCALES),
  confirmUrl: z.url(),
  /** Empty: every track. */
  tracks: z.array(z.string()),
  frequency: z.enum(["immediate", "daily", "weekly"]),
});
export type ConfirmationProps = z.infer<typeof confirmationPropsSchema>;

const TEXT = {
  zh: {
    subject: "请确认订阅 Trackwatch 政策摘要",
    intro: "请点击下面的链接确认订阅。确认之前，你不会收到任何摘要。",
    button: "确认订阅",
    tracks: "关注赛道",
    all: "全部赛道",
    frequency: "发送频率",
    frequencies: { immediate: "有变化时立即发送", daily: "每日 08:00", weekly: "每周一 08:00" },
    expiry: "链接 7 天内有效。如果不是你本人申请，请忽略这封邮件，我们不会再给你发邮件。",
  },
  en: {
    subject: "Confirm your Trackwatch subscription",
    intro: "Open the link below to confirm. You will receive no digest until you do.",
    button: "Confirm subscription",
    tracks: "Tracks",
    all: "All tracks",
    frequency: "Frequency",
    frequencies: {
      immediate: "As soon as something changes",
      daily: "Daily at 08:00",
      weekly: "Mondays at 08:00",
    },
    expiry:
      "The link works for 7 days. If you did not ask for this, ignore this mail and you will hear nothing more.",
  },
} as const;

export function renderConfirmation(input: ConfirmationProps): RenderedMail {
  const props = confirmationPropsSchema.parse(input);
  const t = TEXT[props.locale];
  const tracks = props.tracks.length
    ? props.tracks.map((track) => trackLabel(track, props.locale)).join(props.locale === "zh" ? "、" : ", ")
    : t.all;
  const frequency = t.frequencies[props.frequency];
  const html = [
    `<h1 style="${STYLE.h1}">${escapeHtml(t.subject)}</h1>`,
    `<p>${escapeHtml(t.intro)}</p>`,
    `<p>${link(props.confirmUrl, t.button).replace(`style="${STYLE.a}"`, `style="${STYLE.button}"`)}</p>`,
    `<p style="${STYLE.links}">${escapeHtml(props.confirmUrl)}</p>`,
    `<p>${escapeHtml(t.tracks)}: ${escapeHtml(tracks)}<br>${escapeHtml(t.frequency)}: ${escapeHtml(frequency)}</p>`,
  ].join("\n");
  const text = [
    t.subject,
    "",
    t.intro,
    "",
    `${t.button}: ${props.confirmUrl}`,
    "",
    `${t.tracks}: ${tracks}`,
    `${t.frequency}: ${frequency}`,
    "",
    t.expiry,
    "",
  ].join("\n");
  return {
    subject: t.subject,
    html: layout({ locale: props.locale, title: t.subject, body: html, footer: escapeHtml(t.expiry) }),
    text,
  };
}

export const CONFIRMATION_PREVIEW: ConfirmationProps = {
  locale: "zh",
  confirmUrl: "http://localhost:3000/confirm/preview-confirm-token",
  tracks: ["metaverse", "green-low-carbon"],
  frequency: "daily",
};
