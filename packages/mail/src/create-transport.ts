import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@trackwatch/config";
import nodemailer, { type SendMailOptions, type SMTPPoolOptions } from "nodemailer";

export type TransportConfig = Pick<
  Env,
  "SMTP_URL" | "SMTP_POOL_SIZE" | "DATA_DIR" | "DKIM_DOMAIN" | "DKIM_SELECTOR" | "DKIM_PRIVATE_KEY"
>;

export interface SentInfo {
  messageId: string;
  /** The server's answer to DATA, or the .eml path in outbox mode. */
  response: string;
}

/** Where mail goes: pooled SMTP, or .eml files when no SMTP server is configured. */
export interface MailTransport {
  kind: "smtp" | "outbox";
  /** Human-readable target, no credentials. */
  location: string;
  send(message: SendMailOptions): Promise<SentInfo>;
  close(): void;
}

/** Headers RFC 8058 requires under the signature, next to the usual ones. */
const DKIM_HEADERS =
  "From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:" +
  "List-Id:List-Unsubscribe:List-Unsubscribe-Post:Auto-Submitted";

function dkimOptions(config: TransportConfig) {
  const { DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY } = config;
  const set = [DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (set === 0) return undefined;
  if (set !== 3) throw new Error("DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together");
  return {
    domainName: DKIM_DOMAIN!,
    keySelector: DKIM_SELECTOR!,
    // Keys in .env files usually carry "\n" escapes instead of line breaks.
    privateKey: DKIM_PRIVATE_KEY!.replace(/\\n/g, "\n"),
    headerFieldNames: DKIM_HEADERS,
  };
}

function describeSmtpUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Builds the transport the config asks for. `smtp` overrides pool and timeout options (tests use
 * short timeouts so a dead server fails fast).
 */
export function createMailTransport(
  config: TransportConfig,
  options: { smtp?: Partial<SMTPPoolOptions> } = {},
): MailTransport {
  const dkim = dkimOptions(config);
  if (config.SMTP_URL) {
    const transporter = nodemailer.createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_POOL_SIZE,
      maxMessages: 1_000,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      ...(dkim ? { dkim } : {}),
      ...options.smtp,
    } as SMTPPoolOptions);
    return {
      kind: "smtp",
      location: describeSmtpUrl(config.SMTP_URL),
      async send(message) {
        const info = await transporter.sendMail(message);
        return { messageId: info.messageId, response: info.response };
      },
      close: () => transporter.close(),
    };
  }
  const dir = path.resolve(config.DATA_DIR, "outbox");
  const transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
    ...(dkim ? { dkim } : {}),
  });
  return {
    kind: "outbox",
    location: dir,
    async send(message) {
      const info = await transporter.sendMail(message);
      await mkdir(dir, { recursive: true });
      // Named after the Message-ID: a resend of the same delivery rewrites one file.
      const name = `${String(info.messageId).replace(/[^A-Za-z0-9@._-]/g, "")}.eml`;
      const file = path.join(dir, name);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { messageId: info.messageId, response: file };
    },
    close: () => transporter.close(),
  };
}
