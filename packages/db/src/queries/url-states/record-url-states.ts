import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { urlStates } from "../../schema/index.ts";
import type { RecordUrlStateInput } from "./record-url-state.ts";

const OPTIONAL = ["etag", "lastModified", "bodySha256", "textSha256", "charset"] as const;
const COLUMN = {
  etag: sql`excluded.etag`,
  lastModified: sql`excluded.last_modified`,
  bodySha256: sql`excluded.body_sha256`,
  textSha256: sql`excluded.text_sha256`,
  charset: sql`excluded.charset`,
} as const;

/**
 * recordUrlState for many URLs: one upsert per shape of input (which fields are given), so a crawl
 * writes its pages' states in a few statements instead of one per page. Several inputs for one URL
 * are merged, later fields winning, as if recorded one after the other.
 */
export async function recordUrlStates(db: Db, inputs: readonly RecordUrlStateInput[]): Promise<void> {
  const byUrl = new Map<string, RecordUrlStateInput>();
  for (const input of inputs) {
    const before = byUrl.get(input.url);
    const merged: RecordUrlStateInput = {
      ...before,
      url: input.url,
      sourceId: input.sourceId,
      lastStatus: input.lastStatus,
    };
    for (const key of OPTIONAL) if (input[key] !== undefined) merged[key] = input[key];
    byUrl.set(input.url, merged);
  }
  const byShape = new Map<string, RecordUrlStateInput[]>();
  for (const input of byUrl.values()) {
    const shape = OPTIONAL.filter((key) => input[key] !== undefined).join(",");
    byShape.set(shape, [...(byShape.get(shape) ?? []), input]);
  }
  for (const [shape, group] of byShape) {
    const keys = shape ? (shape.split(",") as (typeof OPTIONAL)[number][]) : [];
    const set: Record<string, unknown> = {
      lastStatus: sql`excluded.last_status`,
      sourceId: sql`excluded.source_id`,
      checkedAt: sql`now()`,
    };
    for (const key of keys) set[key] = COLUMN[key];
    await db
      .insert(urlStates)
      .values(
        group.map((input) => {
          const row: typeof urlStates.$inferInsert = {
            url: input.url,
            sourceId: input.sourceId,
            lastStatus: input.lastStatus,
          };
          for (const key of keys) row[key] = input[key];
          return row;
        }),
      )
      .onConflictDoUpdate({ target: urlStates.url, set });
  }
}
