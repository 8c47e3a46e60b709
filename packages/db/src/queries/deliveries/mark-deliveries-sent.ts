import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

/** After the server accepted the message. From here on the delivery is never sent again. */
export async function markDeliverySent(db: Db, input: { id: string }): Promise<void> {
  await db
    .update(deliveries)
    .set({ status: "sent", sentAt: sql`now()`, lastError: null })
    .where(and(eq(deliveries.id, input.id), eq(deliveries.status, "sending")));
}
