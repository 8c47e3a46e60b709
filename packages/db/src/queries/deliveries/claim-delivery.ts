import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { deliveries } from "../../schema/subscribers.ts";
import { hashToken } from "../subscribers/subscriber-token.ts";

export type Delivery = typeof deliveries.$inferSelect;

/** What sending needs to know about the recipient; null for mails to the operator. */
export interface ClaimedSubscriber {
  id: string;
  status: "pending" | "active" | "unsubscribed" | "expired";
  locale: "zh" | "en";
}

export type ClaimResult =
  | {
      outcome: "claimed";
      delivery: Delivery;
      subscriber: ClaimedSubscriber | null;
      /** True when the link tokens passed in were stored (a digest to an active subscriber). */
      linkTokensStored: boolean;
    }
  /** Sent, rejected or given up: nothing to do, ever. */
  | { outcome: "done"; delivery: Delivery }
  /** Another worker claimed it recently; try again after it could have gone stale. */
  | { outcome: "busy"; delivery: Delivery }
  | { outcome: "missing" };

type Row = Record<string, unknown>;

function toDelivery(r: Row): Delivery {
  const date = (v: unknown) =>
    v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
  return {
    id: String(r.id),
    kind: r.kind as Delivery["kind"],
    subscriberId: (r.subscriber_id as string | null) ?? null,
    recipient: String(r.recipient),
    windowKey: String(r.window_key),
    status: r.status as Delivery["status"],
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Delivery["payload"],
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    messageId: String(r.message_id),
    createdAt: date(r.created_at)!,
    claimedAt: date(r.claimed_at),
    sentAt: date(r.sent_at),
  };
}

export interface ClaimRequest {
  id: string;
  /** Raw tokens; their hashes are stored when the delivery is a digest to an active subscriber. */
  linkTokens?: { manage: string; unsubscribe: string };
}

/**
 * Takes deliveries for sending: pending, or `sending` for longer than `staleAfterMs` (the worker
 * died mid-send). One atomic UPDATE, so two workers never both claim one; a delivery marked sent
 * is never claimed again. The same statement reads each subscriber and, for a digest to an active
 * subscriber, stores the hashes of the link tokens the mail will carry. Several requests go in one
 * statement: at 10,000 recipients the round trips are most of a mail's cost.
 */
export async function claimDeliveries(
  db: Db,
  input: { requests: ClaimRequest[]; staleAfterMs: number },
): Promise<Map<string, ClaimResult>> {
  const results = new Map<string, ClaimResult>();
  const requests = [...new Map(input.requests.map((r) => [r.id, r])).values()];
  if (requests.length === 0) return results;
  // One JSON parameter rather than three per request: building the statement stays cheap at any size.
  const req = JSON.stringify(
    requests.map((r) => ({
      id: r.id,
      manage_hash: r.linkTokens ? hashToken(r.linkTokens.manage) : null,
      unsubscribe_hash: r.linkTokens ? hashToken(r.linkTokens.unsubscribe) : null,
    })),
  );
  const result = await db.execute(sql`
    with req as (
      select * from jsonb_to_recordset(${req}::jsonb) as r(id uuid, manage_hash text, unsubscribe_hash text)
    ),
    claimed as (
      update deliveries d
      set status = 'sending', claimed_at = now(), attempts = d.attempts + 1
      from req
      where d.id = req.id
        and (d.status = 'pending'
          or (d.status = 'sending' and d.claimed_at < now() - make_interval(secs => ${input.staleAfterMs / 1000})))
      returning d.*
    ),
    sub as (
      select s.id, s.status, s.locale from subscribers s where s.id in (select subscriber_id from claimed)
    ),
    stored as (
      insert into subscriber_tokens (token_hash, subscriber_id, scope)
      select t.hash, c.subscriber_id, t.scope
      from claimed c
      join req on req.id = c.id
      join sub on sub.id = c.subscriber_id
      cross join lateral (values (req.manage_hash, 'manage'), (req.unsubscribe_hash, 'unsubscribe')) as t(hash, scope)
      where t.hash is not null and c.kind = 'digest' and sub.status = 'active'
      returning 1
    )
    select c.*, sub.id as sub_id, sub.status as sub_status, sub.locale as sub_locale,
      coalesce(req.manage_hash is not null and c.kind = 'digest' and sub.status = 'active', false) as tokens_stored
    from claimed c join req on req.id = c.id left join sub on sub.id = c.subscriber_id
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
  for (const row of rows) {
    results.set(String(row.id), {
      outcome: "claimed",
      delivery: toDelivery(row),
      subscriber: row.sub_id
        ? {
            id: String(row.sub_id),
            status: row.sub_status as ClaimedSubscriber["status"],
            locale: row.sub_locale as ClaimedSubscriber["locale"],
          }
        : null,
      linkTokensStored: row.tokens_stored === true,
    });
  }
  const others = requests.filter((r) => !results.has(r.id)).map((r) => r.id);
  if (others.length > 0) {
    const current = await db.select().from(deliveries).where(inArray(deliveries.id, others));
    for (const row of current) {
      results.set(row.id, { outcome: row.status === "sending" ? "busy" : "done", delivery: row });
    }
    for (const id of others) if (!results.has(id)) results.set(id, { outcome: "missing" });
  }
  return results;
}

/** claimDeliveries for one delivery. */
export async function claimDelivery(
  db: Db,
  input: ClaimRequest & { staleAfterMs: number },
): Promise<ClaimResult> {
  const results = await claimDeliveries(db, { requests: [input], staleAfterMs: input.staleAfterMs });
  return results.get(input.id)!;
}
