import type { SendMailOptions } from "nodemailer";
import { type DigestProps, renderDigest } from "./templates/digest.ts";
import type { RenderedMail } from "./templates/layout.ts";

export interface MessageEnvelope {
  /** MAIL_FROM, e.g. "Trackwatch <trackwatch@example.org>". */
  from: string;
  /** A bare address that passed subscriberEmailSchema. */
  to: string;
  /** The delivery's stable Message-ID ("<id@domain>"): a resend after a crash carries the same one. */
  messageId: string;
}

/** The bare address inside MAIL_FROM. */
export function fromAddress(from: string): string {
  return (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

/** Message-ID domain: the MAIL_FROM domain, so Message-IDs look like the sender's own. */
export function messageIdDomain(from: string): string {
  return fromAddress(from).split("@")[1] ?? "trackwatch.local";
}

/**
 * A nodemailer message from a rendered mail. With `unsubscribeUrl` it carries RFC 2369
 * List-Unsubscribe (the URL, then a mailto fallback) and the RFC 8058 one-click header, so mail
 * clients show an unsubscribe button that POSTs to the URL.
 */
export function buildMessage(
  envelope: MessageEnvelope,
  rendered: RenderedMail,
  options: { unsubscribeUrl?: string } = {},
): SendMailOptions {
  const message: SendMailOptions = {
    from: envelope.from,
    // An address object: nodemailer encodes it as one address whatever it contains.
    to: { name: "", address: envelope.to },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: envelope.messageId,
    headers: { "Auto-Submitted": "auto-generated" },
  };
  if (options.unsubscribeUrl) {
    const mailto = `mailto:${fromAddress(envelope.from)}?subject=unsubscribe`;
    // One header with both URIs: RFC 2369 forbids repeating it, and nodemailer's `list` option
    // writes one header per entry.
    message.headers = {
      ...(message.headers as object),
      "List-Unsubscribe": `<${options.unsubscribeUrl}>, <${mailto}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    };
  }
  return message;
}

/** Renders a digest and wraps it with its unsubscribe headers; sending is the transport's job. */
export function buildDigestMessage(envelope: MessageEnvelope, props: DigestProps): SendMailOptions {
  return buildMessage(envelope, renderDigest(props), { unsubscribeUrl: props.unsubscribeUrl });
}
