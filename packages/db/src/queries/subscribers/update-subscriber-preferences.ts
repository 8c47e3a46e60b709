import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";
import { resolveSubscriberToken } from "./resolve-subscriber-token.ts";
import { type PreferencesInput, preferencesSchema, type SubscriberView } from "./subscriber-input.ts";
import { toSubscriberView } from "./to-subscriber-view.ts";

/**
 * Saves tracks, frequency and language from the preferences page. Validates before touching the
 * row: a bad value (ZodError) or a bad link (SubscriptionTokenError) leaves everything as it was.
 */
export async function updateSubscriberPreferences(
  db: Db,
  input: { token: unknown; preferences: PreferencesInput },
): Promise<SubscriberView> {
  const prefs = preferencesSchema.parse(input.preferences);
  return db.transaction(async (tx) => {
    const { subscriber } = await resolveSubscriberToken(tx, {
      token: input.token,
      scopes: ["manage"],
      forUpdate: true,
    });
    const [row] = await tx
      .update(subscribers)
      .set(prefs)
      .where(eq(subscribers.id, subscriber.id))
      .returning();
    return toSubscriberView(row!);
  });
}
