import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "./start-smtp-sink.ts";

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

function transport(s: SmtpSink) {
  return nodemailer.createTransport({ host: s.host, port: s.port, secure: false, ignoreTLS: true });
}

describe("SMTP sink", () => {
  it("parses accepted messages and rejects configured recipients", async () => {
    sink = await startSmtpSink({ rejectRecipients: ["Bounce@example.com"] });
    await transport(sink).sendMail({
      from: "trackwatch@example.com",
      to: ["ok@example.com", "bounce@example.com"],
      subject: "元宇宙 · 产业规模",
      text: "≥ ¥350bn by 2025",
    });
    const [message] = await sink.waitForMessages(1);
    expect(message!.to).toEqual(["ok@example.com"]);
    expect(message!.parsed.subject).toBe("元宇宙 · 产业规模");
    expect(message!.parsed.text?.trim()).toBe("≥ ¥350bn by 2025");
    await expect(
      transport(sink).sendMail({ from: "a@example.com", to: "bounce@example.com", text: "x" }),
    ).rejects.toThrow(/550/);
  });

  it("can be down and come back on the same port", async () => {
    sink = await startSmtpSink();
    const port = sink.port;
    await sink.down();
    await expect(
      transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "x" }),
    ).rejects.toThrow(/ECONNREFUSED/);
    await sink.up();
    expect(sink.port).toBe(port);
    await transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "back" });
    expect(await sink.waitForMessages(1)).toHaveLength(1);
  });

  it("drops the connection in the middle of a message and stores nothing", async () => {
    sink = await startSmtpSink();
    sink.setDropMidMessage(true);
    await expect(
      transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "x".repeat(200_000) }),
    ).rejects.toThrow();
    expect(sink.messages).toHaveLength(0);
    sink.setDropMidMessage(false);
    await transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "again" });
    expect(await sink.waitForMessages(1)).toHaveLength(1);
  });

  it("cuts the connection after the final dot for a counted number of messages, keeping them", async () => {
    sink = await startSmtpSink();
    sink.setDropAfterMessage({ times: 1 });
    await expect(
      transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "kept" }),
    ).rejects.toThrow();
    expect(sink.messages).toHaveLength(1);
    await transport(sink).sendMail({ from: "a@example.com", to: "b@example.com", text: "answered" });
    expect(await sink.waitForMessages(2)).toHaveLength(2);
    expect(sink.drops).toEqual({ midMessage: 0, afterMessage: 1 });
    expect(sink.recipientAttempts("B@example.com")).toBe(2);
  });
});
