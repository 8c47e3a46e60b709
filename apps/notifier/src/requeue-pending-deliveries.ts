import { type Db, listRequeueableDeliveries } from "@trackwatch/db";
import { type EmailQueue, enqueueEmails } from "@trackwatch/queue";

/** Deliveries PostgreSQL says still need sending: pending, or claimed by a worker that died. */
export function requeueableDeliveryIds(db: Db, options: { staleAfterMs: number }): Promise<string[]> {
  return listRequeueableDeliveries(db, { staleAfterMs: options.staleAfterMs });
}

/**
 * The outbox sweep: every delivery that still needs sending gets an email job. Job ids are
 * delivery ids, so a delivery that already has a live job is not doubled. Run at start and every
 * minute: Redis can lose its jobs, PostgreSQL keeps the truth.
 */
export async function requeuePendingDeliveries(
  db: Db,
  emailQueue: EmailQueue,
  options: { staleAfterMs: number },
): Promise<number> {
  const ids = await requeueableDeliveryIds(db, options);
  if (ids.length > 0)
    await enqueueEmails(
      emailQueue,
      ids.map((deliveryId) => ({ deliveryId })),
    );
  return ids.length;
}
