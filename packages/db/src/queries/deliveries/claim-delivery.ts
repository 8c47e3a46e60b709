import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

export type Delivery = typeof deliveries.$inferSelect;

export type ClaimResult =
  | { outcome: "claimed"; delivery: Delivery }
  /** Sent, rejected or given up: nothing to do, ever. */
  | { outcome: "done"; delivery: Delivery }
  /** Another worker claimed it recently; try again after it could have gone stale. */
  | { outcome: "busy"; delivery: Delivery }
  | { outcome: "missing" };

/**
 * Takes a delivery for sending: pending, or `sending` for longer than `staleAfterMs` (its worker
 * died mid-send). One atomic UPDATE, so two workers never both claim it; a delivery marked sent is
 * never claimed again.
 */
export async function claimDelivery(
  db: Db,
  input: { id: string; staleAfterMs: number },
): Promise<ClaimResult> {
  const staleBefore = sql`now() - make_interval(secs => ${input.staleAfterMs / 1000})`;
  const [claimed] = await db
    .update(deliveries)
    .set({ status: "sending", claimedAt: sql`now()`, attempts: sql`${deliveries.attempts} + 1` })
    .where(
      and(
        eq(deliveries.id, input.id),
        or(
          eq(deliveries.status, "pending"),
          and(eq(deliveries.status, "sending"), lt(deliveries.claimedAt, staleBefore)),
        ),
      ),
    )
    .returning();
  if (claimed) return { outcome: "claimed", delivery: claimed };
  const [current] = await db.select().from(deliveries).where(eq(deliveries.id, input.id));
  if (!current) return { outcome: "missing" };
  return { outcome: current.status === "sending" ? "busy" : "done", delivery: current };
}
