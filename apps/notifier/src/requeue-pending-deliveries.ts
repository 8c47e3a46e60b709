import { type Db, listRequeueableDeliveries } from "@trackwatch/db";
import { type EmailQueue, enqueueEmails } from "@trackwatch/queue";

/**
 * The outbox sweep: every delivery PostgreSQL says still needs sending gets an email job. Job ids
 * are delivery ids, so a delivery that already has a live job is not doubled. Run at start and
 * every minute: Redis can lose its jobs, PostgreSQL keeps the truth.
 */
export async function requeuePendingDeliveries(
  db: Db,
  emailQueue: EmailQueue,
  options: { staleAfterMs: number },
): Promise<number> {
  const ids = await listRequeueableDeliveries(db, { staleAfterMs: options.staleAfterMs });
  if (ids.length > 0)
    await enqueueEmails(
      emailQueue,
      ids.map((deliveryId) => ({ deliveryId })),
    );
  return ids.length;
}
