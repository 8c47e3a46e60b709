/** "2026-11-28" for a moment, in the configured zone (a digest at 08:00 Shanghai is that day's). */
export function localDate(at: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * The window a digest run covers, unique per subscriber: one daily and one weekly digest per local
 * date; immediate runs are keyed by the change horizon, so each run with news makes a new window.
 */
export function digestWindowKey(
  frequency: "immediate" | "daily" | "weekly",
  input: { at: Date; tz: string; horizon: number },
): string {
  return frequency === "immediate"
    ? `immediate:${input.horizon}`
    : `${frequency}:${localDate(input.at, input.tz)}`;
}
