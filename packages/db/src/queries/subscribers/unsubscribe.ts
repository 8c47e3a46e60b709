import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";
import { resolveSubscriberToken } from "./resolve-subscriber-token.ts";
import type { SubscriberView } from "./subscriber-input.ts";
import { toSubscriberView } from "./to-subscriber-view.ts";

/**
 * One-click unsubscribe (the RFC 8058 POST and the page's button) with an unsubscribe or manage
 * link. Idempotent: a second click answers the same. Pending digests for the address are dropped
 * by the email job, which checks the status before sending.
 */
export async function unsubscribe(
  db: Db,
  input: { token: unknown; now?: Date },
): Promise<{ subscriber: SubscriberView; alreadyUnsubscribed: boolean }> {
  return db.transaction(async (tx) => {
    const { subscriber } = await resolveSubscriberToken(tx, {
      token: input.token,
      scopes: ["unsubscribe", "manage"],
      forUpdate: true,
    });
    if (subscriber.status === "unsubscribed") {
      return { subscriber: toSubscriberView(subscriber), alreadyUnsubscribed: true };
    }
    const [row] = await tx
      .update(subscribers)
      .set({ status: "unsubscribed", unsubscribedAt: input.now ?? new Date() })
      .where(eq(subscribers.id, subscriber.id))
      .returning();
    return { subscriber: toSubscriberView(row!), alreadyUnsubscribed: false };
  });
}
