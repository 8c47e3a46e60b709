import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";
import { CONFIRM_TOKEN_TTL_MS } from "./subscriber-token.ts";

/** Addresses not confirmed within 7 days of their last confirmation mail lapse. Returns how many. */
export async function expirePendingSubscribers(db: Db, input: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - CONFIRM_TOKEN_TTL_MS);
  const rows = await db
    .update(subscribers)
    .set({ status: "expired" })
    .where(and(eq(subscribers.status, "pending"), lt(subscribers.confirmationSentAt, cutoff)))
    .returning({ id: subscribers.id });
  return rows.length;
}
