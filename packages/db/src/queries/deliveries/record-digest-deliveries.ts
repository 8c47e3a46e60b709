import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";

export type DigestFrequency = "immediate" | "daily" | "weekly";

export interface RecordDigestDeliveriesInput {
  frequency: DigestFrequency;
  /** Unique per subscriber: `daily:2026-11-28`, `weekly:2026-11-30`, `immediate:<horizon>`. */
  windowKey: string;
  /** From getDigestHorizon: changes up to this id are covered. */
  horizon: number;
  messageDomain: string;
  /** Subscribers per transaction. */
  batchSize?: number;
  /** Called after each batch commits with its new delivery ids, so sending can start at once. */
  onBatch?: (deliveryIds: string[]) => Promise<void>;
}

/**
 * The outbox half of a digest run. For each active subscriber of the frequency, in batches: the
 * mailable changes after their `lastChangeId` up to the horizon in the tracks they follow (never
 * extractor-only ones), one `deliveries` row when there are any, and `lastChangeId` advanced in the
 * same transaction, so a crash leaves each subscriber either fully recorded or untouched. A window
 * already recorded for a subscriber leaves its cursor alone: those changes go in the next window.
 * Returns the new delivery ids, to be enqueued after commit (or found later by the outbox sweep).
 */
export async function recordDigestDeliveries(db: Db, input: RecordDigestDeliveriesInput): Promise<string[]> {
  const batchSize = input.batchSize ?? 250;
  const created: string[] = [];
  let afterId = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: subscribers.id, email: subscribers.email })
        .from(subscribers)
        .where(
          and(
            eq(subscribers.status, "active"),
            eq(subscribers.frequency, input.frequency),
            lt(subscribers.lastChangeId, input.horizon),
            gt(subscribers.id, afterId),
          ),
        )
        .orderBy(asc(subscribers.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return null;
      const ids = due.map((s) => s.id);
      const rows = (await tx.execute(sql`
        select s.id as subscriber_id, coalesce(array_agg(c.id order by c.id) filter (where c.id is not null), '{}') as change_ids
        from subscribers s
        left join changes c
          on c.id > s.last_change_id and c.id <= ${input.horizon} and not c.extractor_only
          and (jsonb_array_length(s.tracks) = 0 or s.tracks ? c.track)
        where s.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
        group by s.id
      `)) as unknown as { subscriber_id: string; change_ids: (string | number)[] }[] | { rows: unknown[] };
      const list = (Array.isArray(rows) ? rows : rows.rows) as {
        subscriber_id: string;
        change_ids: unknown[];
      }[];
      const changeIds = new Map(list.map((r) => [r.subscriber_id, r.change_ids.map(Number)]));
      const withChanges = due.filter((s) => (changeIds.get(s.id)?.length ?? 0) > 0);
      let inserted: { id: string; subscriberId: string | null }[] = [];
      if (withChanges.length > 0) {
        // The rows as one JSON parameter: a statement of 250 rows x 7 parameters cost more to build
        // than to run.
        const rows = JSON.stringify(
          withChanges.map((s) => {
            const id = randomUUID();
            return {
              id,
              subscriber_id: s.id,
              recipient: s.email,
              payload: { frequency: input.frequency, changeIds: changeIds.get(s.id)! },
              message_id: `<${id}@${input.messageDomain}>`,
            };
          }),
        );
        const result = (await tx.execute(sql`
          insert into deliveries (id, kind, subscriber_id, recipient, window_key, payload, message_id)
          select r.id, 'digest', r.subscriber_id, r.recipient, ${input.windowKey}, r.payload, r.message_id
          from jsonb_to_recordset(${rows}::jsonb)
            as r(id uuid, subscriber_id uuid, recipient text, payload jsonb, message_id text)
          on conflict do nothing
          returning id, subscriber_id
        `)) as unknown as
          | { id: string; subscriber_id: string }[]
          | { rows: { id: string; subscriber_id: string }[] };
        inserted = (Array.isArray(result) ? result : result.rows).map((r) => ({
          id: String(r.id),
          subscriberId: String(r.subscriber_id),
        }));
      }
      const recorded = new Set(inserted.map((r) => r.subscriberId));
      // Nothing to say also moves the cursor: nothing up to the horizon concerns them.
      const advance = due.filter((s) => recorded.has(s.id) || (changeIds.get(s.id)?.length ?? 0) === 0);
      if (advance.length > 0) {
        await tx
          .update(subscribers)
          .set({ lastChangeId: input.horizon })
          .where(
            and(
              sql`${subscribers.id} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(advance.map((s) => s.id))}::jsonb))`,
              lt(subscribers.lastChangeId, input.horizon),
            ),
          );
      }
      return { lastId: due[due.length - 1]!.id, ids: inserted.map((r) => r.id) };
    });
    if (!batch) break;
    created.push(...batch.ids);
    if (batch.ids.length > 0) await input.onBatch?.(batch.ids);
    afterId = batch.lastId;
  }
  return created;
}
