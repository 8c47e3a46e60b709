import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildDigestMessage } from "./build-message.ts";
import { createMailTransport } from "./create-transport.ts";
import { DIGEST_PREVIEW } from "./templates/digest.ts";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const message = () =>
  buildDigestMessage(
    { from: "Trackwatch <news@example.org>", to: "reader@example.org", messageId: "<d-1@example.org>" },
    DIGEST_PREVIEW,
  );

describe("createMailTransport without SMTP_URL", () => {
  it("writes one .eml per delivery under DATA_DIR/outbox, rewritten on resend", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tw-outbox-"));
    const transport = createMailTransport({ DATA_DIR: dir, SMTP_POOL_SIZE: 1 } as never);
    expect(transport.kind).toBe("outbox");
    await transport.send(message());
    await transport.send(message());
    const files = await readdir(path.join(dir, "outbox"));
    expect(files).toEqual(["d-1@example.org.eml"]);
    const eml = await readFile(path.join(dir, "outbox", files[0]!), "utf8");
    expect(eml).toContain("Message-ID: <d-1@example.org>");
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("signs with DKIM over List-Unsubscribe and List-Unsubscribe-Post when configured", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tw-outbox-"));
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const transport = createMailTransport({
      DATA_DIR: dir,
      SMTP_POOL_SIZE: 1,
      DKIM_DOMAIN: "example.org",
      DKIM_SELECTOR: "tw2026",
      DKIM_PRIVATE_KEY: pem.replace(/\n/g, "\\n"),
    } as never);
    const { response } = await transport.send(message());
    const eml = await readFile(response, "utf8");
    // The header with its folded continuation lines, whitespace removed.
    const lines = eml.split(/\r?\n/);
    const start = lines.findIndex((l) => l.startsWith("DKIM-Signature:"));
    let end = start + 1;
    while (end < lines.length && /^\s/.test(lines[end]!)) end++;
    const signature = lines.slice(start, end).join("").replace(/\s+/g, "");
    expect(signature).toContain("d=example.org");
    expect(signature).toContain("s=tw2026");
    const signed = /;h=([^;]+)/.exec(signature)![1]!.toLowerCase().split(":");
    expect(signed).toEqual(
      expect.arrayContaining(["from", "subject", "list-unsubscribe", "list-unsubscribe-post"]),
    );
  });

  it("refuses half a DKIM configuration", () => {
    expect(() =>
      createMailTransport({ DATA_DIR: "/tmp", SMTP_POOL_SIZE: 1, DKIM_DOMAIN: "example.org" } as never),
    ).toThrow(/DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY/);
  });
});
