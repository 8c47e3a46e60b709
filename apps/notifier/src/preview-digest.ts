import {
  type Db,
  findSubscriberByEmail,
  getDigestHorizon,
  listDigestChanges,
  listDigestSubscribers,
  listUnmailedChanges,
} from "@trackwatch/db";
import { type RenderedMail, renderDigest, subscriberLinks } from "@trackwatch/mail";
import { toDigestChange } from "./render-delivery.ts";

export interface DigestPreview {
  email: string;
  changeIds: number[];
  mail: RenderedMail;
}

/**
 * What the next digest would say, for one address or every subscriber of a frequency, without
 * sending, recording or minting anything: links carry placeholder tokens.
 */
export async function previewDigests(
  db: Db,
  input: { email?: string; frequency?: "immediate" | "daily" | "weekly"; publicUrl: string; limit?: number },
): Promise<DigestPreview[]> {
  const horizon = await getDigestHorizon(db, { settleMs: 0 });
  const links = subscriberLinks(input.publicUrl);
  const subscribers = [];
  if (input.email) {
    const row = await findSubscriberByEmail(db, input.email);
    if (!row) throw new Error(`no subscriber with the address ${input.email}`);
    subscribers.push(row);
  } else if (input.frequency) {
    subscribers.push(
      ...(await listDigestSubscribers(db, { frequency: input.frequency, limit: input.limit ?? 20 })),
    );
  }
  const previews: DigestPreview[] = [];
  for (const subscriber of subscribers) {
    const changeIds = await listUnmailedChanges(db, {
      tracks: subscriber.tracks,
      lastChangeId: subscriber.lastChangeId,
      horizon,
    });
    if (changeIds.length === 0) continue;
    const changes = await listDigestChanges(db, changeIds);
    previews.push({
      email: subscriber.email,
      changeIds,
      mail: renderDigest({
        locale: subscriber.locale,
        publicUrl: input.publicUrl,
        manageUrl: links.manage("preview"),
        unsubscribeUrl: links.unsubscribe("preview"),
        changes: changes.map(toDigestChange),
      }),
    });
  }
  return previews;
}
