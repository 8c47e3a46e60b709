import type { MailLocale } from "./locale.ts";
import { trackLabel } from "./track-label.ts";

// Subject order: what moved first, then what is new, then what went away.
const ORDER = [
  "target-changed",
  "target-added",
  "target-removed",
  "rule-added",
  "rule-changed",
  "rule-removed",
  "document-added",
  "document-metadata-changed",
  "document-removed",
] as const;

const PHRASES: Record<string, { zh: string; en: [string, string] }> = {
  "target-changed": { zh: "项目标调整", en: ["target changed", "targets changed"] },
  "target-added": { zh: "项新目标", en: ["new target", "new targets"] },
  "target-removed": { zh: "项目标取消", en: ["target removed", "targets removed"] },
  "rule-added": { zh: "条新政策", en: ["new rule", "new rules"] },
  "rule-changed": { zh: "条政策调整", en: ["rule changed", "rules changed"] },
  "rule-removed": { zh: "条政策取消", en: ["rule removed", "rules removed"] },
  "document-added": { zh: "份新文件", en: ["new document", "new documents"] },
  "document-metadata-changed": { zh: "份文件信息更新", en: ["document updated", "documents updated"] },
  "document-removed": { zh: "份文件下线", en: ["document removed", "documents removed"] },
};

/** "2 项目标调整, 1 条新政策" / "2 targets changed, 1 new rule". */
export function summarizeCounts(kinds: string[], locale: MailLocale): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return ORDER.filter((kind) => counts.has(kind))
    .map((kind) => {
      const n = counts.get(kind)!;
      const phrase = PHRASES[kind]!;
      return locale === "zh" ? `${n} ${phrase.zh}` : `${n} ${phrase.en[n === 1 ? 0 : 1]}`;
    })
    .join(", ");
}

/** "元宇宙: 2 项目标调整, 1 条新政策"; several tracks are named up to two, then counted. */
export function summarizeSubject(
  changes: { kind: string; track: string | null }[],
  locale: MailLocale,
): string {
  const tracks = [...new Set(changes.map((c) => c.track))].map((t) => trackLabel(t, locale));
  const shown = tracks.slice(0, 2).join(locale === "zh" ? "、" : ", ");
  const more = tracks.length - 2;
  const prefix =
    more > 0 ? (locale === "zh" ? `${shown}等${tracks.length}个赛道` : `${shown} and ${more} more`) : shown;
  return `${prefix}: ${summarizeCounts(
    changes.map((c) => c.kind),
    locale,
  )}`;
}
