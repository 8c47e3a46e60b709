import type { MailLocale } from "./locale.ts";

const TRACK_LABELS: Record<string, Record<MailLocale, string>> = {
  metaverse: { zh: "元宇宙", en: "Metaverse" },
  "green-low-carbon": { zh: "绿色低碳", en: "Green & low-carbon" },
  "smart-terminals": { zh: "智能终端", en: "Smart terminals" },
  "digital-economy": { zh: "数字经济", en: "Digital economy" },
};

const GENERAL: Record<MailLocale, string> = { zh: "综合", en: "General" };

/** A track's name in the reader's language; tracks a source added later show their id. */
export function trackLabel(track: string | null, locale: MailLocale): string {
  if (!track) return GENERAL[locale];
  return TRACK_LABELS[track]?.[locale] ?? track;
}
