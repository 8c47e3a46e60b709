import { type Db, getDigestHorizon, recordDigestDeliveries } from "@trackwatch/db";
import { digestWindowKey } from "./digest-window.ts";

export interface RunDigestInput {
  frequency: "immediate" | "daily" | "weekly";
  /** When the run was due (the scheduler's fire time); picks the window. */
  at: Date;
  tz: string;
  messageDomain: string;
  /** See getDigestHorizon. */
  settleMs?: number;
  /** Each committed batch of new delivery ids (the digest job enqueues their email jobs here). */
  onBatch?: (deliveryIds: string[]) => Promise<void>;
}

/**
 * Writes the outbox rows of one digest run and returns their ids. Sending is separate: the email
 * queue in service mode, sendDelivery directly for `trackwatch once`.
 */
export async function runDigest(
  db: Db,
  input: RunDigestInput,
): Promise<{ windowKey: string; horizon: number; deliveryIds: string[] }> {
  const horizon = await getDigestHorizon(db, { settleMs: input.settleMs });
  const windowKey = digestWindowKey(input.frequency, { at: input.at, tz: input.tz, horizon });
  if (horizon === 0) return { windowKey, horizon, deliveryIds: [] };
  const deliveryIds = await recordDigestDeliveries(db, {
    frequency: input.frequency,
    windowKey,
    horizon,
    messageDomain: input.messageDomain,
    onBatch: input.onBatch,
  });
  return { windowKey, horizon, deliveryIds };
}
