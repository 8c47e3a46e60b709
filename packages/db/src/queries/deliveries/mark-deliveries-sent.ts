import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

/**
 * After the server accepted the messages. From here on a delivery is never sent again. Takes
 * several ids so a busy worker records a burst of sends in one statement.
 */
export async function markDeliveriesSent(db: Db, input: { ids: string[] }): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .update(deliveries)
    .set({ status: "sent", sentAt: sql`now()`, lastError: null })
    .where(and(inArray(deliveries.id, input.ids), eq(deliveries.status, "sending")));
}
