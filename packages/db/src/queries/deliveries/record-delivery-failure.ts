import { and, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

/**
 * A send that did not go through. `retry` puts it back to pending (the job retries with backoff,
 * the outbox sweep picks it up if Redis forgets); `rejected` records a permanent refusal by the
 * server; `failed` gives up for another reason (the subscriber left meanwhile).
 */
export async function recordDeliveryFailure(
  db: Db,
  input: { id: string; error: string; outcome: "retry" | "rejected" | "failed" },
): Promise<void> {
  await db
    .update(deliveries)
    .set({
      status: input.outcome === "retry" ? "pending" : input.outcome,
      lastError: input.error.slice(0, 2_000),
      claimedAt: null,
    })
    .where(and(eq(deliveries.id, input.id), eq(deliveries.status, "sending")));
}
