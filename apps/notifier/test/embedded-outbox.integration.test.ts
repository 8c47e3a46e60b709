import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { createMailTransport } from "@trackwatch/mail";
import { expect, it } from "vitest";
import { deliverDueDigests } from "../src/deliver-due-digests.ts";
import { METAVERSE_CHANGES, seedChanges, seedDocument, seedSubscribers } from "./seed.ts";

it("embedded mode: PGlite and no SMTP_URL write each due digest once as an .eml file", async () => {
  const database = await createTestDb("pglite");
  const dataDir = await mkdtemp(path.join(tmpdir(), "tw-embedded-"));
  const config = {
    DATA_DIR: dataDir,
    SMTP_URL: undefined,
    SMTP_POOL_SIZE: 2,
    MAIL_FROM: "Trackwatch <trackwatch@localhost>",
    DKIM_DOMAIN: undefined,
    DKIM_SELECTOR: undefined,
    DKIM_PRIVATE_KEY: undefined,
    PUBLIC_URL: "http://localhost:3000",
    TZ: "Asia/Shanghai",
    DELIVERY_STALE_MS: 120_000,
  };
  const transport = createMailTransport(config);
  try {
    const db = database.db;
    await seedSubscribers(db, [
      { email: "a@example.org", tracks: ["metaverse"], locale: "en" },
      { email: "b@example.org", tracks: ["green-low-carbon"] },
    ]);
    await seedChanges(db, await seedDocument(db, { title: "元宇宙行动方案" }), METAVERSE_CHANGES);
    expect(await deliverDueDigests({ db, transport, config })).toEqual({
      recorded: 1,
      sent: 1,
      skipped: 0,
      failed: [],
    });
    expect(await deliverDueDigests({ db, transport, config })).toMatchObject({ recorded: 0, sent: 0 });
    const files = await readdir(path.join(dataDir, "outbox"));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dataDir, "outbox", files[0]!), "utf8");
    expect(eml).toContain("To: a@example.org");
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const [delivery] = await db.select().from(schema.deliveries);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, recipient: "a@example.org" });
  } finally {
    transport.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
