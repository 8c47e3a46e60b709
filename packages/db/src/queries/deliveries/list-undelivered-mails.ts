import { desc, inArray } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";

export interface UndeliveredMail {
  id: string;
  kind: (typeof deliveries.$inferSelect)["kind"];
  recipient: string;
  /** `rejected`: the server refused the recipient for good (5xx); `failed`: given up for another reason. */
  status: "rejected" | "failed";
  lastError: string | null;
  attempts: number;
  createdAt: Date;
}

/**
 * Mails that will never be sent, newest first, for the admin page: the operator sees which
 * addresses the mail server refused and why, since nothing retries them.
 */
export async function listUndeliveredMails(
  db: Db,
  input: { limit?: number } = {},
): Promise<UndeliveredMail[]> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 500);
  const rows = await db
    .select({
      id: deliveries.id,
      kind: deliveries.kind,
      recipient: deliveries.recipient,
      status: deliveries.status,
      lastError: deliveries.lastError,
      attempts: deliveries.attempts,
      createdAt: deliveries.createdAt,
    })
    .from(deliveries)
    .where(inArray(deliveries.status, ["rejected", "failed"]))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, status: r.status as UndeliveredMail["status"] }));
}
