import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries, subscribers } from "../../schema/subscribers.ts";
import { type SubscribeInput, subscribeInputSchema } from "./subscriber-input.ts";

export interface SubscribeResult {
  /** The confirmation mail's outbox row: enqueue an email job for it (`enqueueEmail`). */
  deliveryId: string;
}

/**
 * Starts (or restarts) double opt-in for an address. Whatever the address's state, the answer has
 * the same shape and a confirmation mail is queued, so a visitor learns nothing about who is
 * subscribed. A new or lapsed address takes the asked preferences now (it receives nothing until
 * confirmed); an active one keeps its preferences until the new confirmation link is opened, so a
 * stranger cannot change someone else's subscription. Throws a ZodError with a clear message on a
 * bad address or preference.
 */
export async function subscribe(
  db: Db,
  input: SubscribeInput,
  options: { now?: Date; messageDomain?: string } = {},
): Promise<SubscribeResult> {
  const parsed = subscribeInputSchema.parse(input);
  const now = options.now ?? new Date();
  const prefs = { tracks: parsed.tracks, frequency: parsed.frequency, locale: parsed.locale };
  const attempt = () =>
    db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(subscribers)
        .where(sql`lower(${subscribers.email}) = lower(${parsed.email})`)
        .for("update");
      let subscriberId: string;
      if (!existing) {
        const [row] = await tx
          .insert(subscribers)
          .values({
            email: parsed.email,
            ...prefs,
            status: "pending",
            confirmationSentAt: now,
            createdAt: now,
          })
          .returning({ id: subscribers.id });
        subscriberId = row!.id;
      } else {
        subscriberId = existing.id;
        await tx
          .update(subscribers)
          .set(
            existing.status === "active"
              ? { confirmationSentAt: now }
              : { ...prefs, status: "pending", confirmationSentAt: now },
          )
          .where(eq(subscribers.id, existing.id));
      }
      const deliveryId = randomUUID();
      await tx.insert(deliveries).values({
        id: deliveryId,
        kind: "confirmation",
        subscriberId,
        recipient: existing?.email ?? parsed.email,
        windowKey: `confirm:${now.toISOString()}:${deliveryId}`,
        payload: prefs,
        messageId: `<${deliveryId}@${options.messageDomain ?? "trackwatch.local"}>`,
        createdAt: now,
      });
      return { deliveryId };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first subscriptions of one address at once: the loser of the unique index retries and
    // finds the winner's row.
    if ((error as { code?: string }).code === "23505" || /unique/i.test(String(error))) return attempt();
    throw error;
  }
}
