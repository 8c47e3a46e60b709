import { enqueueEmail } from "@trackwatch/queue";
import type { WebDeps } from "./deps.ts";

/**
 * Hands the confirmation's outbox row to the notifier. When Redis is down the row stays pending
 * in PostgreSQL and the notifier's outbox sweep sends it, so the visitor still gets the mail.
 */
export async function enqueueConfirmation(deps: WebDeps, deliveryId: string): Promise<void> {
  if (!deps.queues.email) return;
  try {
    await enqueueEmail(deps.queues.email, { deliveryId });
  } catch (error) {
    deps.log.warn(
      { err: error, deliveryId },
      "could not enqueue confirmation mail; the outbox sweep will send it",
    );
  }
}
