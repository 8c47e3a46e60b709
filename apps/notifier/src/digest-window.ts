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

/** The local date of the Monday starting the week that contains `at`. */
export function localWeekStart(at: Date, tz: string): string {
  const day = new Date(`${localDate(at, tz)}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The window a digest run covers, unique per subscriber: one daily digest per local date, one
 * weekly digest per week (keyed by its Monday); immediate runs are keyed by the change horizon,
 * so each run with news is a new window. A retried or repeated run reuses its window.
 */
export function digestWindowKey(
  frequency: "immediate" | "daily" | "weekly",
  input: { at: Date; tz: string; horizon: number },
): string {
  if (frequency === "immediate") return `immediate:${input.horizon}`;
  if (frequency === "weekly") return `weekly:${localWeekStart(input.at, input.tz)}`;
  return `daily:${localDate(input.at, input.tz)}`;
}
