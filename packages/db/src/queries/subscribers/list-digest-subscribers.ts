import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";
import type { SubscriberView } from "./subscriber-input.ts";
import { toSubscriberView } from "./to-subscriber-view.ts";

/** Active subscribers of one frequency, by id pages (for `trackwatch digest --frequency`). */
export async function listDigestSubscribers(
  db: Db,
  input: { frequency: "immediate" | "daily" | "weekly"; afterId?: string; limit?: number },
): Promise<(SubscriberView & { lastChangeId: number })[]> {
  const rows = await db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.status, "active"),
        eq(subscribers.frequency, input.frequency),
        gt(subscribers.id, input.afterId ?? "00000000-0000-0000-0000-000000000000"),
      ),
    )
    .orderBy(asc(subscribers.id))
    .limit(input.limit ?? 100);
  return rows.map((row) => ({ ...toSubscriberView(row), lastChangeId: row.lastChangeId }));
}
