import { eq, max, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes } from "../../schema/changes.ts";
import { subscribers, subscriberTokens } from "../../schema/subscribers.ts";
import { issueSubscriberToken } from "./issue-subscriber-token.ts";
import { resolveSubscriberToken } from "./resolve-subscriber-token.ts";
import { preferencesSchema, type SubscriberView } from "./subscriber-input.ts";
import { SubscriptionTokenError } from "./subscriber-token.ts";
import { toSubscriberView } from "./to-subscriber-view.ts";

/**
 * Opens a confirmation link: the subscriber becomes active with the preferences asked for when
 * the link was mailed, and digests start from the changes after this moment (no backlog).
 * Opening the link again is harmless. Returns a manage token so the page can link to preferences.
 * Throws SubscriptionTokenError (invalid, forged, expired, other scope) and changes nothing then.
 */
export async function confirmSubscription(
  db: Db,
  input: { token: unknown; now?: Date },
): Promise<{ subscriber: SubscriberView; alreadyConfirmed: boolean; manageToken: string }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const { token, subscriber } = await resolveSubscriberToken(tx, {
      token: input.token,
      scopes: ["confirm"],
      now,
      forUpdate: true,
    });
    const alreadyConfirmed = token.usedAt !== null && subscriber.status === "active";
    if (subscriber.status === "expired") throw new SubscriptionTokenError("expired");
    const prefs = preferencesSchema.safeParse(token.data ?? {});
    const set: Partial<typeof subscribers.$inferInsert> = prefs.success ? { ...prefs.data } : {};
    if (subscriber.status !== "active") {
      const [latest] = await tx.select({ id: max(changes.id) }).from(changes);
      Object.assign(set, {
        status: "active",
        confirmedAt: now,
        unsubscribedAt: null,
        lastChangeId: latest?.id ?? 0,
      });
    }
    const [row] = alreadyConfirmed
      ? [subscriber]
      : await tx.update(subscribers).set(set).where(eq(subscribers.id, subscriber.id)).returning();
    await tx
      .update(subscriberTokens)
      .set({ usedAt: sql`coalesce(${subscriberTokens.usedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(subscriberTokens.tokenHash, token.tokenHash));
    const manageToken = await issueSubscriberToken(tx, { subscriberId: subscriber.id, scope: "manage", now });
    return { subscriber: toSubscriberView(row!), alreadyConfirmed, manageToken };
  });
}
