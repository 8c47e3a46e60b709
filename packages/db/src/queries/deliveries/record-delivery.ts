import { randomUUID } from "node:crypto";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

/**
 * An outbox row for a one-off mail (a source-health alert to ADMIN_EMAIL). Returns null when the
 * window was already recorded for this recipient, so a retried producer mails once.
 */
export async function recordDelivery(
  db: Db,
  input: {
    kind: "alert" | "confirmation";
    recipient: string;
    windowKey: string;
    payload: Record<string, unknown>;
    messageDomain: string;
    subscriberId?: string | null;
  },
): Promise<string | null> {
  const id = randomUUID();
  const [row] = await db
    .insert(deliveries)
    .values({
      id,
      kind: input.kind,
      subscriberId: input.subscriberId ?? null,
      recipient: input.recipient,
      windowKey: input.windowKey,
      payload: input.payload,
      messageId: `<${id}@${input.messageDomain}>`,
    })
    .onConflictDoNothing()
    .returning({ id: deliveries.id });
  return row?.id ?? null;
}
