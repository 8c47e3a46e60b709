import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries, subscribers } from "../../schema/subscribers.ts";

/** A delivery with its subscriber (null for mails to the operator). Throws when missing. */
export async function getDelivery(db: Db, id: string) {
  const [row] = await db
    .select({ delivery: deliveries, subscriber: subscribers })
    .from(deliveries)
    .leftJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(eq(deliveries.id, id));
  if (!row) throw new Error(`delivery ${id} not found`);
  return row;
}
