import {
  confirmSubscription,
  findSubscriberByEmail,
  recordDelivery,
  schema,
  subscribe,
  unsubscribe,
} from "@trackwatch/db";
import { createMailTransport, SOURCE_ALERT_PREVIEW } from "@trackwatch/mail";
import { enqueueDigest, enqueueEmail, enqueueEmails, enqueueImmediateDigest } from "@trackwatch/queue";
import type { SinkMessage } from "@trackwatch/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverDueDigests } from "../src/deliver-due-digests.ts";
import { previewDigests } from "../src/preview-digest.ts";
import { runDigest } from "../src/run-digest.ts";
import { type Harness, startHarness } from "./notifier-harness.ts";
import { GREEN_CHANGES, METAVERSE_CHANGES, seedChanges, seedDocument, seedSubscribers } from "./seed.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const to = (m: SinkMessage) => m.to[0]!.toLowerCase();
/** A header as sent (unfolded), not as mailparser interprets it. */
const header = (m: SinkMessage, name: string) => {
  const line = m.parsed.headerLines.find((h) => h.key === name)?.line ?? "";
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
};
const deliveryRows = () => h.db.select().from(schema.deliveries);

async function seedPlanRevision() {
  const doc = await seedDocument(h.db, { title: "上海市培育“元宇宙”新赛道行动方案（2022—2025年）" });
  const green = await seedDocument(h.db, { title: "上海市绿色低碳产业发展行动方案" });
  await seedChanges(h.db, doc, METAVERSE_CHANGES);
  await seedChanges(h.db, green, GREEN_CHANGES);
  // A difference that only a newer extractor sees: recorded, never mailed.
  await seedChanges(h.db, doc, [
    {
      kind: "target-added",
      track: "metaverse",
      key: "metaverse/scenarios",
      metric: "应用场景",
      before: null,
      after: { comparator: ">=", value: 50, unit: "count", year: 2025 },
      sentence: "EXTRACTOR-ONLY 打造50个以上标杆性示范应用场景。",
      extractorOnly: true,
    },
  ]);
  return doc;
}

describe("notifier with real SMTP, Redis and PostgreSQL", () => {
  it("double opt-in: only the confirmation is sent until the link is opened, then digests follow", async () => {
    await h.start();
    const { deliveryId } = await subscribe(h.db, {
      email: "Reader@Example.org",
      tracks: ["metaverse"],
      frequency: "daily",
      locale: "en",
    });
    await enqueueEmail(h.emailQueue, { deliveryId });
    const [confirmation] = await h.sink.waitForMessages(1);
    expect(confirmation!.parsed.subject).toBe("Confirm your Trackwatch subscription");
    const link = /http:\/\/trackwatch\.test\/confirm\/([A-Za-z0-9_-]{43})/.exec(
      confirmation!.parsed.text ?? "",
    );
    expect(link).not.toBeNull();

    // Changes before confirmation: the daily run sends nothing to a pending address.
    await seedPlanRevision();
    await enqueueDigest(h.digestQueue, { frequency: "daily" });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(h.sink.messages).toHaveLength(1);
    expect((await deliveryRows()).filter((d) => d.kind === "digest")).toHaveLength(0);

    const { subscriber } = await confirmSubscription(h.db, { token: link![1] });
    expect(subscriber.status).toBe("active");
    // Confirmation starts from now: the earlier changes are not mailed as news, the next ones are.
    await seedChanges(
      h.db,
      await seedDocument(h.db, { title: "Metaverse plan, revised" }),
      METAVERSE_CHANGES.slice(0, 1),
    );
    await enqueueDigest(h.digestQueue, { frequency: "daily" });
    const messages = await h.sink.waitForMessages(2);
    expect(messages[1]!.parsed.subject).toBe("Metaverse: 1 target changed");
    expect(to(messages[1]!)).toBe("reader@example.org");
  });

  it("sends each subscriber exactly the tracks they follow, in their language, with RFC 8058 unsubscribe", async () => {
    await seedSubscribers(h.db, [
      { email: "zh-metaverse@example.org", tracks: ["metaverse"], locale: "zh" },
      { email: "en-green@example.org", tracks: ["green-low-carbon"], locale: "en" },
      { email: "en-all@example.org", tracks: [], locale: "en" },
      { email: "weekly@example.org", tracks: [], frequency: "weekly" },
    ]);
    await seedPlanRevision();
    await h.start({ schedule: true });
    const schedulers = await h.digestQueue.getJobSchedulers();
    expect(
      schedulers.map((s) => [s.id ?? s.key, s.pattern ?? `every ${s.every}`, s.tz ?? null]).sort(),
    ).toEqual([
      ["digest-daily", "0 8 * * *", "Asia/Shanghai"],
      ["digest-immediate-sweep", "every 30000", null],
      ["digest-weekly", "0 8 * * 1", "Asia/Shanghai"],
    ]);

    // The preview (`trackwatch digest --preview`) shows the same digest and records nothing.
    const [preview] = await previewDigests(h.db, {
      email: "ZH-metaverse@example.org",
      publicUrl: "http://x.test",
    });
    expect(preview!.mail.subject).toBe("元宇宙: 2 项目标调整, 1 条新政策");
    expect((await previewDigests(h.db, { frequency: "daily", publicUrl: "http://x.test" })).length).toBe(3);
    expect(await deliveryRows()).toHaveLength(0);

    await enqueueDigest(h.digestQueue, { frequency: "daily" });
    const messages = await h.sink.waitForMessages(3);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.sink.messages).toHaveLength(3); // the weekly subscriber waits for Monday
    const byRecipient = new Map(messages.map((m) => [to(m), m]));

    const zh = byRecipient.get("zh-metaverse@example.org")!;
    expect(zh.parsed.subject).toBe("元宇宙: 2 项目标调整, 1 条新政策");
    expect(zh.parsed.text).toContain("产业规模: 到2025年不少于3500亿元 → 到2025年不少于4000亿元");
    expect(zh.parsed.text).not.toContain("光伏");
    expect(zh.parsed.html).toContain("3500亿元");

    const green = byRecipient.get("en-green@example.org")!;
    expect(green.parsed.subject).toBe("Green & low-carbon: 1 new target");
    expect(green.parsed.text).not.toContain("industry scale");

    const all = byRecipient.get("en-all@example.org")!;
    expect(all.parsed.subject).toBe(
      "Metaverse, Green & low-carbon: 2 targets changed, 1 new target, 1 new rule",
    );
    expect(all.parsed.text).toContain(
      "industry scale: at least ¥350 billion by 2025 → at least ¥400 billion by 2025",
    );
    for (const m of messages) expect(m.parsed.text).not.toContain("EXTRACTOR-ONLY");

    // RFC 2369 / 8058 headers, and the one-click URL's token unsubscribes.
    const listUnsubscribe = header(zh, "list-unsubscribe");
    expect(listUnsubscribe).toMatch(/<http:\/\/trackwatch\.test\/unsubscribe\/[A-Za-z0-9_-]{43}>/);
    expect(listUnsubscribe).toContain("mailto:digest@trackwatch.test?subject=unsubscribe");
    expect(header(zh, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(zh.parsed.messageId).toMatch(/@trackwatch\.test>$/);
    const token = /unsubscribe\/([A-Za-z0-9_-]{43})/.exec(listUnsubscribe)![1];
    expect(zh.parsed.html).toContain(`http://trackwatch.test/unsubscribe/${token}`);

    // A forged token changes nothing; the real one unsubscribes.
    await expect(unsubscribe(h.db, { token: `${token!.slice(0, 42)}A` })).rejects.toThrow(
      "this link is not valid",
    );
    expect((await findSubscriberByEmail(h.db, "zh-metaverse@example.org"))!.status).toBe("active");
    await unsubscribe(h.db, { token });
    expect((await findSubscriberByEmail(h.db, "zh-metaverse@example.org"))!.status).toBe("unsubscribed");

    // The next day's news reaches the others only.
    h.sink.clear();
    await seedChanges(
      h.db,
      await seedDocument(h.db, { title: "元宇宙 revised again" }),
      METAVERSE_CHANGES.slice(0, 1),
    );
    // Tomorrow's run (a new daily window), driven by hand rather than by waiting for 08:00.
    const tomorrow = await runDigest(h.db, {
      frequency: "daily",
      at: new Date(Date.now() + 24 * 3600 * 1000),
      tz: "Asia/Shanghai",
      messageDomain: "trackwatch.test",
      settleMs: 0,
    });
    expect(tomorrow.deliveryIds).toHaveLength(1);
    await enqueueEmails(
      h.emailQueue,
      tomorrow.deliveryIds.map((deliveryId) => ({ deliveryId })),
    );
    const next = await h.sink.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(h.sink.messages.map(to)).toEqual(["en-all@example.org"]);
    expect(next[0]!.parsed.subject).toBe("Metaverse: 1 target changed");
  });

  it("debounces immediate digests: five calls in a burst make one mail", async () => {
    await seedSubscribers(h.db, [{ email: "now@example.org", frequency: "immediate", locale: "en" }]);
    await h.start();
    const doc = await seedDocument(h.db, { title: "Metaverse plan" });
    for (const change of [...METAVERSE_CHANGES, ...GREEN_CHANGES]) {
      await seedChanges(h.db, doc, [change]);
      await enqueueImmediateDigest(h.digestQueue, { delayMs: 2_500 });
    }
    const counts = await h.digestQueue.getJobCounts("delayed", "wait", "active");
    expect((counts.delayed ?? 0) + (counts.wait ?? 0) + (counts.active ?? 0)).toBe(1);
    const [mail] = await h.sink.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(h.sink.messages).toHaveLength(1);
    expect(mail!.parsed.subject).toBe(
      "Metaverse, Green & low-carbon: 2 targets changed, 1 new target, 1 new rule",
    );
  });

  it("delivers due digests without Redis (trackwatch once): each window once", async () => {
    await seedSubscribers(h.db, [
      { email: "cron-daily@example.org", locale: "en" },
      { email: "cron-weekly@example.org", frequency: "weekly", locale: "zh" },
    ]);
    await seedChanges(h.db, await seedDocument(h.db, { title: "Plan" }), GREEN_CHANGES);
    const transport = createMailTransport(h.config);
    try {
      const deps = { db: h.db, transport, config: h.config };
      expect(await deliverDueDigests(deps)).toEqual({ recorded: 2, sent: 2, skipped: 0, failed: [] });
      expect(h.sink.messages.map(to).sort()).toEqual(["cron-daily@example.org", "cron-weekly@example.org"]);
      // The next cron run the same day: nothing new, nothing resent.
      expect(await deliverDueDigests(deps)).toEqual({ recorded: 0, sent: 0, skipped: 0, failed: [] });
      expect(h.sink.messages).toHaveLength(2);
    } finally {
      transport.close();
    }
  });

  it("mails a source-health alert recorded in the outbox, once per window", async () => {
    await h.start();
    const alert = {
      kind: "alert" as const,
      recipient: "ops@example.org",
      windowKey: "alert:sh-gov:unhealthy:2026-11-28T06:00:00Z",
      payload: { ...SOURCE_ALERT_PREVIEW, reason: "<b>no links</b> on the list page" },
      messageDomain: "trackwatch.test",
    };
    const deliveryId = await recordDelivery(h.db, alert);
    expect(await recordDelivery(h.db, alert)).toBeNull();
    await enqueueEmail(h.emailQueue, { deliveryId: deliveryId! });
    const [mail] = await h.sink.waitForMessages(1);
    expect(mail!.parsed.subject).toBe("[Trackwatch] 来源异常：上海市人民政府");
    expect(mail!.parsed.html).toContain("&lt;b&gt;no links&lt;/b&gt;");
    expect(header(mail!, "list-unsubscribe")).toBe("");
  });
});
