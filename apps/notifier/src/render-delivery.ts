import { randomBytes } from "node:crypto";
import {
  type ClaimedSubscriber,
  type Db,
  type Delivery,
  issueLinkTokens,
  issueSubscriberToken,
  listDigestChanges,
  preferencesSchema,
} from "@trackwatch/db";
import {
  buildMessage,
  compileMessageTemplate,
  type DigestChange,
  type MailLocale,
  type MessageTemplate,
  type RenderedMail,
  renderConfirmation,
  renderDigest,
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

export interface RenderInput {
  delivery: Delivery;
  subscriber: ClaimedSubscriber | null;
  /** Link tokens already stored by the claim; minted here otherwise. */
  linkTokens?: { manage: string; unsubscribe: string } | null;
}

export type DeliveryRenderer = (input: RenderInput) => Promise<RenderOutcome>;

const CACHE_ENTRIES = 256;
const CACHE_TTL_MS = 60_000;

/** A small map that forgets its oldest entry when full and anything older than the TTL. */
function memo<V>() {
  const entries = new Map<string, { at: number; value: V }>();
  return (key: string, make: () => V): V => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
    if (entries.size >= CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
    const value = make();
    entries.set(key, { at: Date.now(), value });
    return value;
  };
}

/**
 * Builds a delivery's message from the database as it is now. Link tokens are minted here, so the
 * raw tokens exist only in the mail; a resend mints new ones and the old links keep working.
 *
 * A digest window sends the same changes to many people: the changes (append-only rows) and the
 * rendered body per language are cached for a minute, with per-process random placeholders where
 * each subscriber's tokens go, and so is the message composed from it (compileMessageTemplate):
 * a mail is that message with its recipient, Message-ID and tokens put in.
 */
export function createDeliveryRenderer(deps: RenderDeps): DeliveryRenderer {
  const links = subscriberLinks(deps.publicUrl);
  // Shaped like real tokens (43 base64url characters) so a header folds the same around either.
  const placeholder = {
    manage: randomBytes(32).toString("base64url"),
    unsubscribe: randomBytes(32).toString("base64url"),
  };
  const changesFor = memo<Promise<DigestChange[]>>();
  const bodyFor = memo<Promise<{ body: RenderedMail; template: MessageTemplate | null } | null>>();

  const digestBody = (changeIds: number[], locale: MailLocale) => {
    const key = changeIds.join(",");
    return bodyFor(`${locale}|${key}`, async () => {
      const changes = await changesFor(key, async () =>
        (await listDigestChanges(deps.db, changeIds)).filter((c) => !c.extractorOnly).map(toDigestChange),
      );
      if (changes.length === 0) return null;
      const body = renderDigest({
        locale,
        publicUrl: deps.publicUrl,
        manageUrl: links.manage(placeholder.manage),
        unsubscribeUrl: links.unsubscribe(placeholder.unsubscribe),
        changes,
      });
      const template = await compileMessageTemplate({
        from: deps.from,
        rendered: body,
        slots: placeholder,
        unsubscribeUrl: links.unsubscribe(placeholder.unsubscribe),
      });
      return { body, template };
    });
  };

  return async ({ delivery, subscriber, linkTokens }) => {
    const envelope = { from: deps.from, to: delivery.recipient, messageId: delivery.messageId };
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
      return {
        message: buildMessage(envelope, renderConfirmation({ ...prefs, confirmUrl: links.confirm(token) })),
      };
    }

    // A digest: only to someone still subscribed, and only with something to say.
    if (subscriber.status !== "active") return { skip: `the subscriber is ${subscriber.status}` };
    const digest = await digestBody(digestChangeIds(delivery), subscriber.locale);
    if (!digest) return { skip: "nothing to say" };
    const tokens = linkTokens ?? (await issueLinkTokens(deps.db, { subscriberId: subscriber.id }));
    const filled = digest.template?.fill({ to: envelope.to, messageId: envelope.messageId, slots: tokens });
    if (filled) return { message: filled };
    const { body } = digest;
    const fill = (text: string) =>
      text
        .replaceAll(placeholder.manage, tokens.manage)
        .replaceAll(placeholder.unsubscribe, tokens.unsubscribe);
    return {
      message: buildMessage(
        envelope,
        { subject: body.subject, html: fill(body.html), text: fill(body.text) },
        { unsubscribeUrl: links.unsubscribe(tokens.unsubscribe) },
      ),
    };
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
