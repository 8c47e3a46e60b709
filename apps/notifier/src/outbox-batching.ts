import {
  type ClaimRequest,
  type ClaimResult,
  claimDeliveries,
  type Db,
  markDeliveriesSent,
} from "@trackwatch/db";
import { naturalBatch } from "./natural-batch.ts";

/**
 * A worker's claims and "sent" records, batched across its concurrent jobs. Each job still waits
 * for its own row, so a job completes only once its send is recorded.
 */
export function createOutboxBatching(db: Db, options: { staleAfterMs: number }) {
  return {
    claim: naturalBatch<ClaimRequest, ClaimResult>(async (requests) => {
      const results = await claimDeliveries(db, { requests, staleAfterMs: options.staleAfterMs });
      return requests.map((r) => results.get(r.id)!);
    }),
    recordSent: naturalBatch<string, void>(async (ids) => {
      await markDeliveriesSent(db, { ids });
      return ids.map(() => undefined);
    }),
  };
}
