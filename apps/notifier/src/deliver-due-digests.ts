import type { Db } from "@trackwatch/db";
import { type MailTransport, messageIdDomain } from "@trackwatch/mail";
import { createOutboxBatching } from "./outbox-batching.ts";
import { createDeliveryRenderer } from "./render-delivery.ts";
import { requeueableDeliveryIds } from "./requeue-pending-deliveries.ts";
import { runDigest } from "./run-digest.ts";
import { sendDelivery } from "./send-delivery.ts";

export interface DeliverDueDigestsDeps {
  db: Db;
  transport: MailTransport;
  config: {
    MAIL_FROM: string;
    PUBLIC_URL: string;
    TZ: string;
    DELIVERY_STALE_MS: number;
    SMTP_POOL_SIZE: number;
  };
}

export interface DeliverDueDigestsResult {
  recorded: number;
  sent: number;
  skipped: number;
  failed: { deliveryId: string; error: string }[];
}

/**
 * Digests without Redis, for `trackwatch once` run from cron: the same outbox rows as the digest
 * job (daily once per local date, weekly once per week, immediate for anything new), then every
 * pending delivery sent directly through the transport. A failure is reported and left pending for
 * the next run.
 */
export async function deliverDueDigests(
  deps: DeliverDueDigestsDeps,
  input: { now?: Date; settleMs?: number } = {},
): Promise<DeliverDueDigestsResult> {
  const { db, transport, config } = deps;
  const at = input.now ?? new Date();
  let recorded = 0;
  for (const frequency of ["immediate", "daily", "weekly"] as const) {
    const run = await runDigest(db, {
      frequency,
      at,
      tz: config.TZ,
      messageDomain: messageIdDomain(config.MAIL_FROM),
      settleMs: input.settleMs ?? 0,
    });
    recorded += run.deliveryIds.length;
  }
  const ids = await requeueableDeliveryIds(db, { staleAfterMs: config.DELIVERY_STALE_MS });
  const result: DeliverDueDigestsResult = { recorded, sent: 0, skipped: 0, failed: [] };
  const sendDeps = {
    db,
    transport,
    from: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    staleAfterMs: config.DELIVERY_STALE_MS,
    renderer: createDeliveryRenderer({ db, from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL }),
    ...createOutboxBatching(db, { staleAfterMs: config.DELIVERY_STALE_MS }),
  };
  // As many at once as the pool has connections.
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const deliveryId = ids[next++]!;
      try {
        const outcome = await sendDelivery(sendDeps, deliveryId);
        if (outcome.outcome === "sent") result.sent++;
        else result.skipped++;
      } catch (error) {
        result.failed.push({ deliveryId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, config.SMTP_POOL_SIZE) }, lane));
  return result;
}
