import {
  type Db,
  type Delivery,
  type getDelivery,
  issueSubscriberToken,
  listDigestChanges,
  preferencesSchema,
} from "@trackwatch/db";
import {
  buildDigestMessage,
  buildMessage,
  type DigestChange,
  renderConfirmation,
  renderSourceAlert,
  sourceAlertPropsSchema,
  subscriberLinks,
} from "@trackwatch/mail";
import type { SendMailOptions } from "nodemailer";

export interface RenderDeps {
  db: Db;
  from: string;
  publicUrl: string;
}

export type RenderOutcome = { message: SendMailOptions } | { skip: string };

/**
 * Builds a delivery's message from the database as it is now. Link tokens are minted here, so the
 * raw tokens exist only in the mail; a resend mints new ones and the old links keep working.
 */
export async function renderDelivery(
  deps: RenderDeps,
  row: Awaited<ReturnType<typeof getDelivery>>,
): Promise<RenderOutcome> {
  const { delivery, subscriber } = row;
  const envelope = { from: deps.from, to: delivery.recipient, messageId: delivery.messageId };
  const links = subscriberLinks(deps.publicUrl);

  if (delivery.kind === "alert") {
    const props = sourceAlertPropsSchema.parse(delivery.payload);
    return { message: buildMessage(envelope, renderSourceAlert(props)) };
  }
  if (!subscriber) return { skip: "the subscriber no longer exists" };

  if (delivery.kind === "confirmation") {
    const prefs = preferencesSchema.parse(delivery.payload);
    const token = await issueSubscriberToken(deps.db, {
      subscriberId: subscriber.id,
      scope: "confirm",
      data: prefs,
    });
    const rendered = renderConfirmation({ ...prefs, confirmUrl: links.confirm(token) });
    return { message: buildMessage(envelope, rendered) };
  }

  // A digest: only to someone still subscribed, and only with something to say.
  if (subscriber.status !== "active") return { skip: `the subscriber is ${subscriber.status}` };
  const changeIds = digestChangeIds(delivery);
  const changes = (await listDigestChanges(deps.db, changeIds)).filter((c) => !c.extractorOnly);
  if (changes.length === 0) return { skip: "nothing to say" };
  const [manage, unsubscribe] = await Promise.all([
    issueSubscriberToken(deps.db, { subscriberId: subscriber.id, scope: "manage" }),
    issueSubscriberToken(deps.db, { subscriberId: subscriber.id, scope: "unsubscribe" }),
  ]);
  return {
    message: buildDigestMessage(envelope, {
      locale: subscriber.locale,
      publicUrl: deps.publicUrl,
      manageUrl: links.manage(manage),
      unsubscribeUrl: links.unsubscribe(unsubscribe),
      changes: changes.map(toDigestChange),
    }),
  };
}

export function digestChangeIds(delivery: Delivery): number[] {
  const ids = (delivery.payload as { changeIds?: unknown }).changeIds;
  return Array.isArray(ids) ? ids.map(Number).filter(Number.isFinite) : [];
}

export function toDigestChange(change: Awaited<ReturnType<typeof listDigestChanges>>[number]): DigestChange {
  return {
    id: Number(change.id),
    kind: change.kind,
    track: change.track,
    key: change.key,
    metric: change.metric,
    before: change.before,
    after: change.after,
    sentence: change.sentence,
    document: { id: Number(change.document.id), title: change.document.title, url: change.document.url },
  };
}
