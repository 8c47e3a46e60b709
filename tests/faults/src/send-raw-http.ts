import { connect } from "node:net";

export interface RawHttpAnswer {
  /** The status of the first response line, or null when the server closed without answering. */
  status: number | null;
  /** Everything after the headers, as latin1 text (enough to look for stack traces). */
  body: string;
  timedOut: boolean;
}

/**
 * Writes `request` bytes as they are (no client-side validation, so malformed request lines and
 * headers reach the server) and reads until the server closes the connection.
 */
export function sendRawHttp(port: number, request: Buffer, timeoutMs = 15_000): Promise<RawHttpAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: "127.0.0.1", port });
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const split = text.indexOf("\r\n\r\n");
      resolve({
        status: status ? Number(status[1]) : null,
        body: split >= 0 ? text.slice(split + 4) : "",
        timedOut,
      });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => finish(false));
    socket.on("close", () => finish(false));
    socket.on("error", () => finish(false));
  });
}
