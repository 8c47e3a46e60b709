import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface SinkMessage {
  /** Envelope sender and recipients as the client gave them (not the headers). */
  from: string | null;
  to: string[];
  parsed: ParsedMail;
  raw: Buffer;
  receivedAt: Date;
}

export interface SmtpSinkOptions {
  /** Recipients answered with 550 at RCPT TO (case-insensitive). */
  rejectRecipients?: string[];
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** smtp://127.0.0.1:PORT */
  readonly url: string;
  readonly messages: readonly SinkMessage[];
  /** Resolves once at least `count` messages arrived, or rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  setRejectRecipients(addresses: string[]): void;
  /**
   * While on (or for the next `times` messages), the connection is cut after part of the DATA has
   * arrived; nothing is stored.
   */
  setDropMidMessage(enabled: boolean | { times: number }): void;
  /**
   * While on (or for the next `times` messages), the whole message is received and stored, then the
   * connection is cut instead of answering 250: the client cannot know it was delivered.
   */
  setDropAfterMessage(enabled: boolean | { times: number }): void;
  /** Connections cut by the two modes above so far. */
  readonly drops: { midMessage: number; afterMessage: number };
  /** RCPT TO commands seen for an address (accepted or refused), case-insensitive. */
  recipientAttempts(address: string): number;
  /** Closes the listening socket and every connection: the server is "down" until `up()`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

interface ServerConnection {
  id?: string;
  session?: { id?: string };
  _socket?: { destroy(): void };
}

/** A real SMTP server on loopback that parses and keeps every message it accepts. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  let reject = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  // Remaining messages to cut: Infinity while a mode is simply on.
  let dropMidMessage = 0;
  let dropAfterMessage = 0;
  const drops = { midMessage: 0, afterMessage: 0 };
  const rcptAttempts = new Map<string, number>();
  const dropsLeft = (enabled: boolean | { times: number }) =>
    typeof enabled === "boolean" ? (enabled ? Number.POSITIVE_INFINITY : 0) : enabled.times;
  const cut = (session: SMTPServerSession) => {
    const connections = (server as unknown as { connections: Set<ServerConnection> }).connections;
    for (const connection of connections) {
      if (connection.id === session.id || connection.session?.id === session.id)
        connection._socket?.destroy();
    }
  };
  const waiters = new Set<() => void>();
  let port = 0;
  let server: SMTPServer;
  let running = false;

  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const key = address.address.toLowerCase();
        rcptAttempts.set(key, (rcptAttempts.get(key) ?? 0) + 1);
        if (reject.has(address.address.toLowerCase())) {
          const error = new Error(`mailbox unavailable: ${address.address}`) as Error & {
            responseCode: number;
          };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session: SMTPServerSession, callback) {
        if (dropMidMessage > 0) {
          dropMidMessage -= 1;
          drops.midMessage += 1;
          stream.once("data", () => cut(session));
          stream.resume();
          return;
        }
        const dropAfter = dropAfterMessage > 0;
        if (dropAfter) {
          dropAfterMessage -= 1;
          drops.afterMessage += 1;
        }
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              messages.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
                parsed,
                raw,
                receivedAt: new Date(),
              });
              notify();
              // The final dot arrived and the message is kept; the 250 is never sent.
              if (dropAfter) cut(session);
              else callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const listen = async () => {
    server = create();
    server.on("error", () => {
      // Client disconnects (including the ones we cause) are expected here.
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
    running = true;
  };

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!running) return resolve();
      running = false;
      const connections = (server as unknown as { connections: Set<ServerConnection> }).connections;
      for (const connection of connections) connection._socket?.destroy();
      server.close(() => resolve());
    });

  await listen();

  return {
    host: "127.0.0.1",
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, rejectWait) => {
        const check = () => {
          if (messages.length >= count) {
            cleanup();
            resolve([...messages]);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          rejectWait(
            new Error(`SMTP sink: expected ${count} messages, got ${messages.length} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    setRejectRecipients(addresses) {
      reject = new Set(addresses.map((a) => a.toLowerCase()));
    },
    setDropMidMessage(enabled) {
      dropMidMessage = dropsLeft(enabled);
    },
    setDropAfterMessage(enabled) {
      dropAfterMessage = dropsLeft(enabled);
    },
    drops,
    recipientAttempts: (address) => rcptAttempts.get(address.toLowerCase()) ?? 0,
    down: stop,
    up: listen,
    clear() {
      messages.length = 0;
    },
    close: stop,
  };
}
