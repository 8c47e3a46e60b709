import { and, asc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

/**
 * Deliveries that need a job: pending ones, and `sending` ones whose worker died. PostgreSQL is the
 * source of truth; this is how a Redis that lost its jobs, or a crash between commit and enqueue,
 * still ends in a sent mail.
 */
export async function listRequeueableDeliveries(
  db: Db,
  input: { staleAfterMs: number; limit?: number },
): Promise<string[]> {
  const staleBefore = sql`now() - make_interval(secs => ${input.staleAfterMs / 1000})`;
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      or(
        eq(deliveries.status, "pending"),
        and(eq(deliveries.status, "sending"), lt(deliveries.claimedAt, staleBefore)),
      ),
    )
    .orderBy(asc(deliveries.createdAt))
    .limit(input.limit ?? 10_000);
  return rows.map((r) => r.id);
}
