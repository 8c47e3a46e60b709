export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "tw_lang";

export function isLocale(value: string | undefined | null): value is Locale {
  return value === "zh" || value === "en";
}

/** Picks zh or en from an Accept-Language header by q-value; zh when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return "zh";
  const ranked = header
    .slice(0, 500)
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0 };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "zh";
}
