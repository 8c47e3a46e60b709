import { schema } from "@trackwatch/db";
import { z } from "zod";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "expected a real calendar date");

/** Query string of /changes, /changes.atom and /api/changes. Unknown parameters are ignored. */
export const changeFiltersSchema = z
  .object({
    track: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(64)
        .regex(/^[a-z0-9][a-z0-9-]*$/, "track: expected a track id such as metaverse")
        .optional(),
    ),
    source: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(100)
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "source: expected a source id")
        .optional(),
    ),
    kind: z.preprocess(
      blankToUndefined,
      z
        .enum(schema.CHANGE_KINDS, { error: `kind: expected one of ${schema.CHANGE_KINDS.join(", ")}` })
        .optional(),
    ),
    from: z.preprocess(blankToUndefined, date.optional()),
    to: z.preprocess(blankToUndefined, date.optional()),
    cursor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[1-9]\d{0,15}$/, "cursor: expected the cursor of a previous page")
        .transform(Number)
        .refine(Number.isSafeInteger, "cursor: expected the cursor of a previous page")
        .optional(),
    ),
    limit: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{1,4}$/, "limit: expected a number from 1 to 200")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 200, "limit: expected a number from 1 to 200")
        .optional(),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "from must not be after to",
    path: ["from"],
  });

export type ChangeFilters = z.infer<typeof changeFiltersSchema>;

/** Midnight of a calendar day in the configured time zone, as an instant. */
export function startOfDay(day: string, timeZone: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(utc)
      .map((p) => [p.type, p.value]),
  );
  const asZoned = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return new Date(utc.getTime() - (asZoned - utc.getTime()));
}

/** The listChanges input for parsed filters; `to` includes the whole day. */
export function toListChangesInput(filters: ChangeFilters, timeZone: string, defaultLimit: number) {
  return {
    track: filters.track ?? null,
    sourceId: filters.source ?? null,
    kind: filters.kind ?? null,
    from: filters.from ? startOfDay(filters.from, timeZone) : null,
    to: filters.to ? new Date(startOfDay(filters.to, timeZone).getTime() + 24 * 3600 * 1000) : null,
    cursor: filters.cursor ?? null,
    limit: filters.limit ?? defaultLimit,
  };
}

/** The query string for the same filters (and another cursor), for pager and feed links. */
export function filtersQuery(filters: ChangeFilters, cursor?: number | null): string {
  const params = new URLSearchParams();
  if (filters.track) params.set("track", filters.track);
  if (filters.source) params.set("source", filters.source);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.limit) params.set("limit", String(filters.limit));
  if (cursor) params.set("cursor", String(cursor));
  const query = params.toString();
  return query ? `?${query}` : "";
}
