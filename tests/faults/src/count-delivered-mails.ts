import { type Db, schema } from "@trackwatch/db";
import type { SinkMessage } from "@trackwatch/testkit";

export interface MailFigures {
  /** Digest windows recorded in the outbox: one mail each to its subscriber. */
  expected: number;
  /** Distinct immediate digest windows. */
  windows: number;
  /** Digest mails the SMTP server accepted for the subscribers. */
  sent: number;
  /** Mails beyond the first with the same Message-ID to the same recipient. */
  duplicated: number;
  /** The deliveries whose mail arrived more than once. */
  duplicatedIds: string[];
  /** Outbox windows whose mail never arrived. */
  missed: number;
  /** (subscriber, change) pairs in their tracks that no received mail covered. */
  changesUnmailed: number;
  /** (subscriber, change) pairs covered by two different windows. */
  changesMailedTwice: number;
}

export const bare = (messageId: string | undefined) => (messageId ?? "").replace(/^<|>$/g, "");

/**
 * What the subscribers received, checked two ways: every outbox window arrived once (by Message-ID),
 * and — independently of how the runs cut windows — every mailable change after the baseline in a
 * subscriber's tracks is in exactly one mail they received.
 */
export async function countDeliveredMails(
  db: Db,
  input: { baselineId: number; messages: readonly SinkMessage[] },
): Promise<MailFigures> {
  const [subscribers, changes, deliveries] = await Promise.all([
    db.select().from(schema.subscribers),
    db.select().from(schema.changes),
    db.select().from(schema.deliveries),
  ]);
  const digests = deliveries.filter((d) => d.kind === "digest");
  const byMessageId = new Map(digests.map((d) => [bare(d.messageId), d]));
  const received = new Map<string, number>();
  let sent = 0;
  for (const message of input.messages) {
    const delivery = byMessageId.get(bare(message.parsed.messageId));
    if (!delivery || !message.to.some((to) => to.toLowerCase() === delivery.recipient.toLowerCase()))
      continue;
    sent += 1;
    received.set(delivery.id, (received.get(delivery.id) ?? 0) + 1);
  }
  const duplicated = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
  const missed = digests.filter((d) => !received.has(d.id)).length;

  const mailable = changes.filter((c) => c.id > input.baselineId && !c.extractorOnly);
  let changesUnmailed = 0;
  let changesMailedTwice = 0;
  for (const subscriber of subscribers) {
    const follows = (track: string | null) =>
      subscriber.tracks.length === 0 || (track !== null && subscriber.tracks.includes(track));
    const covered = new Map<number, number>();
    for (const d of digests) {
      if (d.subscriberId !== subscriber.id || !received.has(d.id)) continue;
      for (const id of (d.payload.changeIds as number[] | undefined) ?? [])
        covered.set(Number(id), (covered.get(Number(id)) ?? 0) + 1);
    }
    for (const change of mailable) {
      if (!follows(change.track)) continue;
      const n = covered.get(change.id) ?? 0;
      if (n === 0) changesUnmailed += 1;
      if (n > 1) changesMailedTwice += 1;
    }
  }
  return {
    expected: digests.length,
    windows: new Set(digests.map((d) => d.windowKey)).size,
    sent,
    duplicated,
    duplicatedIds: [...received].filter(([, n]) => n > 1).map(([id]) => id),
    missed,
    changesUnmailed,
    changesMailedTwice,
  };
}
