import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMailTransport } from "./create-transport.ts";
import { compileMessageTemplate } from "./message-template.ts";
import { subscriberLinks } from "./subscriber-links.ts";
import { DIGEST_PREVIEW, renderDigest } from "./templates/digest.ts";

const links = subscriberLinks("http://trackwatch.test");
const token = () => randomBytes(32).toString("base64url");

async function template(locale: "zh" | "en") {
  const slots = { manage: token(), unsubscribe: token() };
  const rendered = renderDigest({
    ...DIGEST_PREVIEW,
    locale,
    publicUrl: "http://trackwatch.test",
    manageUrl: links.manage(slots.manage),
    unsubscribeUrl: links.unsubscribe(slots.unsubscribe),
  });
  const compiled = await compileMessageTemplate({
    from: "Trackwatch <news@example.org>",
    rendered,
    slots,
    unsubscribeUrl: links.unsubscribe(slots.unsubscribe),
  });
  return { compiled: compiled!, rendered, slots };
}

/** The header block and the decoded parts of a raw multipart/alternative message. */
function parse(raw: Buffer) {
  const source = raw.toString("latin1");
  const [head] = source.split("\r\n\r\n", 1);
  const boundary = /boundary="([^"]+)"/.exec(head!)![1]!;
  const parts = source
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [headers, ...body] = part.trim().split("\r\n\r\n");
      return { headers: headers!, body: Buffer.from(body.join(""), "base64").toString("utf8") };
    });
  return { head: head!, parts };
}

describe("compileMessageTemplate", () => {
  it("fills recipient, Message-ID, date and link tokens into headers and both bodies", async () => {
    for (const locale of ["zh", "en"] as const) {
      const { compiled, rendered, slots } = await template(locale);
      const values = { manage: token(), unsubscribe: token() };
      const message = compiled.fill({
        to: "reader@example.org",
        messageId: "<d-1@example.org>",
        slots: values,
      })!;
      expect(message.envelope).toEqual({ from: "news@example.org", to: ["reader@example.org"] });
      expect(message.messageId).toBe("<d-1@example.org>");
      const { head, parts } = parse(message.raw as Buffer);
      expect(head).toContain("\r\nTo: reader@example.org\r\n");
      expect(head).toContain("\r\nMessage-ID: <d-1@example.org>\r\n");
      expect(head).toMatch(/\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n/);
      expect(head).toContain(`http://trackwatch.test/unsubscribe/${values.unsubscribe}`);
      expect(head).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(head).not.toContain(slots.unsubscribe);
      const fill = (text: string) =>
        text.replaceAll(slots.manage, values.manage).replaceAll(slots.unsubscribe, values.unsubscribe);
      expect(parts.map((p) => p.body)).toEqual([fill(rendered.text), fill(rendered.html)]);
      expect(parts[0]!.headers).toContain("Content-Type: text/plain; charset=utf-8");
      expect(parts[1]!.headers).toContain("Content-Type: text/html; charset=utf-8");
      for (const line of (message.raw as Buffer).toString("latin1").split("\r\n")) {
        expect(line.length).toBeLessThanOrEqual(998);
      }
    }
  });

  it("fills nothing a header would need encoded: the caller composes that mail itself", async () => {
    const { compiled } = await template("en");
    const slots = { manage: token(), unsubscribe: token() };
    expect(compiled.fill({ to: "José <jose@example.org>", messageId: "<d@example.org>", slots })).toBeNull();
    expect(compiled.fill({ to: "reader@exämple.org", messageId: "<d@example.org>", slots })).toBeNull();
    expect(
      compiled.fill({ to: "a@example.org\r\nBcc: b@example.org", messageId: "<d@x>", slots }),
    ).toBeNull();
    expect(
      compiled.fill({ to: "a@example.org", messageId: "<d@x>", slots: { ...slots, manage: "short" } }),
    ).toBeNull();
  });

  it("is DKIM-signed over the unsubscribe headers like a composed message", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tw-template-"));
    try {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const transport = createMailTransport({
        DATA_DIR: dir,
        SMTP_POOL_SIZE: 1,
        DKIM_DOMAIN: "example.org",
        DKIM_SELECTOR: "tw2026",
        DKIM_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      } as never);
      const { compiled } = await template("zh");
      const slots = { manage: token(), unsubscribe: token() };
      const sent = await transport.send(
        compiled.fill({ to: "reader@example.org", messageId: "<d-2@example.org>", slots })!,
      );
      expect(sent.messageId).toBe("<d-2@example.org>");
      const eml = await readFile(sent.response, "utf8");
      const signature = /^DKIM-Signature:[\s\S]*?(?=\r?\n\S)/m.exec(eml)![0].replace(/\s+/g, "");
      const signed = /;h=([^;]+)/.exec(signature)![1]!.toLowerCase().split(":");
      expect(signed).toEqual(
        expect.arrayContaining(["from", "to", "list-unsubscribe", "list-unsubscribe-post"]),
      );
      expect(eml).toContain(`/unsubscribe/${slots.unsubscribe}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
