import { randomBytes } from "node:crypto";
import type { SendMailOptions } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { buildMessage } from "./build-message.ts";
import type { RenderedMail } from "./templates/layout.ts";

/** What differs between two mails of one template. */
export interface TemplateValues {
  /** A bare address; one nodemailer would have to encode gets no fill (see fill). */
  to: string;
  /** "<id@domain>". */
  messageId: string;
  /** Per-mail values of the template's slots (link tokens), by slot name. */
  slots: Record<string, string>;
}

export interface MessageTemplate {
  /**
   * The complete message for one recipient, as `raw` with its envelope; null when a value is not
   * plain enough to be put in as is (a non-ASCII address, a slot value of another shape), in
   * which case the caller composes that mail with buildMessage.
   */
  fill(values: TemplateValues): SendMailOptions | null;
}

export interface MessageTemplateInput {
  from: string;
  /** Subject, HTML and text with the slots' placeholders where the per-mail values go. */
  rendered: RenderedMail;
  /** Slot name → placeholder; a slot's values must have the placeholder's length and be [A-Za-z0-9_-]. */
  slots: Record<string, string>;
  /** With placeholders too; adds the RFC 2369 / 8058 headers as buildMessage does. */
  unsubscribeUrl?: string;
}

// Addresses nodemailer writes out unchanged (no name, ASCII, no quoting): the template's To line.
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const PLAIN_MESSAGE_ID = /^<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,200}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*>$/;
const SLOT_VALUE = /^[A-Za-z0-9_-]+$/;

type Segment = string | { slot: string } | { field: "to" | "messageId" | "date" | "text" | "html" };

/**
 * Composes a message once with nodemailer, with placeholders where each mail's recipient,
 * Message-ID, date and link tokens go and the two bodies left as slots; each mail is then that
 * text with its values put in and its bodies base64-encoded. A digest window mails the same
 * content to thousands of people, and composing MIME per mail cost more than sending it. Returns
 * null when nodemailer's output does not carry every placeholder exactly where expected (it had to
 * encode or fold one), so callers compose each mail the usual way.
 */
export async function compileMessageTemplate(input: MessageTemplateInput): Promise<MessageTemplate | null> {
  const tag = randomBytes(8).toString("hex");
  const marks = {
    to: `to-${tag}@template.invalid`,
    messageId: `<mid-${tag}@template.invalid>`,
    date: `date-${tag}`,
    text: `text-${tag}`,
    html: `html-${tag}`,
  } as const;
  const message = buildMessage(
    { from: input.from, to: marks.to, messageId: marks.messageId },
    input.rendered,
    input.unsubscribeUrl ? { unsubscribeUrl: input.unsubscribeUrl } : {},
  );
  const body = (type: string, mark: string) => ({
    raw: `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${mark}`,
  });
  message.text = body("text/plain", marks.text);
  message.html = body("text/html", marks.html);

  const node = new MailComposer(message).compile();
  const envelope = node.getEnvelope();
  const built = await new Promise<string>((resolve, reject) =>
    node.build((error, message) => (error ? reject(error) : resolve(message.toString("utf8")))),
  );
  // nodemailer dates the message when it composes it; each mail gets its own date instead.
  const headerEnd = built.indexOf("\r\n\r\n");
  const source =
    built.slice(0, headerEnd).replace(/^Date: [^\r\n]*$/m, `Date: ${marks.date}`) + built.slice(headerEnd);

  // Split at every placeholder; each must appear exactly as often as it was put in.
  const names = new Map<string, Segment>();
  for (const [field, mark] of Object.entries(marks)) names.set(mark, { field } as Segment);
  for (const [slot, mark] of Object.entries(input.slots)) {
    if (!SLOT_VALUE.test(mark)) throw new Error(`slot ${slot}: placeholder must be [A-Za-z0-9_-]`);
    names.set(mark, { slot });
  }
  const pattern = new RegExp(
    [...names.keys()].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "g",
  );
  const segments: Segment[] = [];
  const seen = new Map<string, number>();
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    segments.push(source.slice(last, match.index));
    segments.push(names.get(match[0])!);
    seen.set(match[0], (seen.get(match[0]) ?? 0) + 1);
    last = match.index + match[0].length;
  }
  segments.push(source.slice(last));
  const expected = (mark: string) => (input.unsubscribeUrl?.split(mark).length ?? 1) - 1;
  const fieldsOnce = Object.values(marks).every((mark) => seen.get(mark) === 1);
  const slotsInHeaders = Object.values(input.slots).every((mark) => (seen.get(mark) ?? 0) === expected(mark));
  if (!fieldsOnce || !slotsInHeaders || !envelope.from || !/^[\x20-\x7e\r\n\t]*$/.test(source)) return null;

  const { slots } = input;
  const text = base64Template(input.rendered.text, slots);
  const html = base64Template(input.rendered.html, slots);
  return {
    fill({ to, messageId, slots: values }) {
      if (!PLAIN_ADDRESS.test(to) || !PLAIN_MESSAGE_ID.test(messageId)) return null;
      for (const [slot, mark] of Object.entries(slots)) {
        const value = values[slot];
        if (value === undefined || value.length !== mark.length || !SLOT_VALUE.test(value)) return null;
      }
      const field = {
        to,
        messageId,
        date: new Date().toUTCString().replace(/GMT/, "+0000"),
        text: text(values),
        html: html(values),
      };
      let raw = "";
      for (const segment of segments) {
        if (typeof segment === "string") raw += segment;
        else if ("slot" in segment) raw += values[segment.slot];
        else raw += field[segment.field];
      }
      return {
        envelope: { from: envelope.from, to: [to] },
        messageId,
        raw: Buffer.from(raw, "latin1"),
      };
    },
  };
}

/** Input bytes per base64 line: 57 bytes make one line of 76 characters (RFC 2045). */
const LINE_BYTES = 57;

/**
 * A body's base64 lines, encoded once. A slot value has its placeholder's length, so every byte
 * keeps its place and only the lines a placeholder touches are encoded again for each mail.
 */
function base64Template(body: string, slots: Record<string, string>) {
  const bytes = Buffer.from(body, "utf8");
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += LINE_BYTES)
    lines.push(bytes.toString("base64", at, at + LINE_BYTES));
  const hits: { slot: string; at: number }[] = [];
  const dirty = new Set<number>();
  for (const [slot, mark] of Object.entries(slots)) {
    for (let at = bytes.indexOf(mark); at !== -1; at = bytes.indexOf(mark, at + mark.length)) {
      hits.push({ slot, at });
      for (let line = Math.floor(at / LINE_BYTES); line * LINE_BYTES < at + mark.length; line++)
        dirty.add(line);
    }
  }
  const clean = lines.join("\r\n");
  return (values: Record<string, string>): string => {
    if (hits.length === 0) return clean;
    const filled = Buffer.from(bytes);
    for (const hit of hits) filled.write(values[hit.slot]!, hit.at, "latin1");
    const out = lines.slice();
    for (const line of dirty) {
      out[line] = filled.toString("base64", line * LINE_BYTES, (line + 1) * LINE_BYTES);
    }
    return out.join("\r\n");
  };
}
