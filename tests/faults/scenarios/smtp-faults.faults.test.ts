import { schema } from "@trackwatch/db";
import { makeChange, makeDocument, makeSubscriber } from "@trackwatch/db/testing";
import { enqueueDigest } from "@trackwatch/queue";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportScenario } from "../src/report-scenario.ts";
import { serveWebApp } from "../src/serve-web-app.ts";
import { signInAsAdmin } from "../src/sign-in-as-admin.ts";
import { type NotifierOnSink, startNotifierOnSink } from "../src/start-notifier-on-sink.ts";
import { waitUntil } from "../src/wait-until.ts";

// Scenario 4 (issue 10): the real notifier workers against a real SMTP server that is down for
// several retries, refuses some recipients with 550, and cuts connections in the middle of a
// message and after its final dot.
const OUTAGE_SUBSCRIBERS = 24;
const REFUSED = ["refused-1@example.org", "refused-2@example.org", "refused-3@example.org"];
const DROP_SUBSCRIBERS = 12;
const DROPS_MID_MESSAGE = 2;
const DROPS_AFTER_DOT = 2;
/** Failed sends each delivery must see while the server is down (the first try and two retries). */
const OUTAGE_ATTEMPTS = 3;

let h: NotifierOnSink;

beforeAll(async () => {
  h = await startNotifierOnSink({ sink: { rejectRecipients: REFUSED } });
});
afterAll(async () => {
  await h?.close();
});

const deliveries = () => h.db.select().from(schema.deliveries);
const hourAgo = () => new Date(Date.now() - 3_600_000);

it("retries through an outage, records refused recipients once, and sends every mail once (but after a cut after the dot)", async () => {
  const started = Date.now();
  const document = await makeDocument(h.db);
  const outageEmails = Array.from(
    { length: OUTAGE_SUBSCRIBERS - REFUSED.length },
    (_, i) => `outage-${i}@example.org`,
  );
  for (const email of [...outageEmails, ...REFUSED])
    await makeSubscriber(h.db, { email, tracks: [], frequency: "daily", confirmedAt: hourAgo() });
  const dropEmails = Array.from({ length: DROP_SUBSCRIBERS }, (_, i) => `drop-${i}@example.org`);
  for (const email of dropEmails)
    await makeSubscriber(h.db, { email, tracks: [], frequency: "weekly", confirmedAt: hourAgo() });
  await makeChange(h.db, {
    documentId: document.id,
    sourceId: document.sourceId,
    detectedAt: new Date(Date.now() - 60_000),
  });

  // 1. The server is down while every daily delivery fails its first tries.
  await h.sink.down();
  const outageStarted = Date.now();
  await h.start();
  await enqueueDigest(h.digestQueue, { frequency: "daily" });
  await waitUntil(
    "every delivery tried several times while SMTP is down",
    async () => {
      const rows = await deliveries();
      // An attempt counts once it is over: a claimed one ("sending") could still meet the server up.
      return (
        rows.length === OUTAGE_SUBSCRIBERS &&
        rows.every((r) => r.attempts >= OUTAGE_ATTEMPTS && r.status !== "sending")
      );
    },
    { timeoutMs: 60_000 },
  );
  expect(h.sink.messages).toHaveLength(0);
  await h.sink.up();
  const outageSeconds = (Date.now() - outageStarted) / 1000;
  await waitUntil(
    "every daily delivery sent or refused",
    async () => (await deliveries()).every((r) => r.status === "sent" || r.status === "rejected"),
    { timeoutMs: 90_000 },
  );

  // 2. Fresh deliveries: the first messages are cut mid-message, the next ones after the final dot.
  h.sink.setDropMidMessage({ times: DROPS_MID_MESSAGE });
  h.sink.setDropAfterMessage({ times: DROPS_AFTER_DOT });
  await enqueueDigest(h.digestQueue, { frequency: "weekly" });
  await waitUntil(
    "every weekly delivery sent",
    async () => {
      const rows = await deliveries();
      return (
        rows.length === OUTAGE_SUBSCRIBERS + DROP_SUBSCRIBERS &&
        rows.every((r) => r.status !== "pending" && r.status !== "sending")
      );
    },
    { timeoutMs: 90_000 },
  );
  // Past a backoff and several outbox sweeps: a refused recipient must not be tried again.
  await new Promise((resolve) => setTimeout(resolve, 7_000));

  const rows = await deliveries();
  const rejected = rows.filter((r) => r.status === "rejected");
  const byMessageId = new Map<string, number>();
  for (const m of h.sink.messages) {
    const id = m.parsed.messageId ?? "";
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
  }
  const received = h.sink.messages.length;
  const expected = OUTAGE_SUBSCRIBERS - REFUSED.length + DROP_SUBSCRIBERS;
  const retriedAfterReject = REFUSED.reduce(
    (sum, a) => sum + Math.max(0, h.sink.recipientAttempts(a) - 1),
    0,
  );
  // What the operator sees: the admin page lists the refused addresses with the server's answer.
  const web = await serveWebApp(h.db);
  let onAdminPage: string[] = [];
  try {
    const admin = await signInAsAdmin(web.url);
    const page = await (await admin.request("/admin")).text();
    const section = page.slice(Math.max(0, page.indexOf('id="undelivered-mails"')));
    onAdminPage = rejected
      .filter((r) => section.includes(r.recipient) && section.includes("550"))
      .map((r) => r.recipient);
  } finally {
    await web.close();
  }
  reportScenario("smtp faults", {
    "mails expected": expected,
    sent: byMessageId.size,
    duplicated: `${received - byMessageId.size} (cut after the final dot ${h.sink.drops.afterMessage})`,
    outage: `${outageSeconds.toFixed(0)} s`,
    retries: rows.reduce((sum, r) => sum + Math.max(0, r.attempts - 1), 0),
    "rejected recorded": `${rejected.length} (on the admin page ${onAdminPage.length})`,
    "retried after permanent reject": retriedAfterReject,
    "dropped mid-message": h.sink.drops.midMessage,
    s: Math.round((Date.now() - started) / 1000),
  });

  // Every mail to a subscriber who can receive it arrived, under the Message-ID of its delivery.
  expect(rows.filter((r) => r.status === "sent")).toHaveLength(expected);
  expect(new Set(h.sink.messages.map((m) => m.to[0]!.toLowerCase()))).toEqual(
    new Set([...outageEmails, ...dropEmails]),
  );
  expect([...byMessageId.keys()].sort()).toEqual(
    rows
      .filter((r) => r.status === "sent")
      .map((r) => r.messageId)
      .sort(),
  );
  // The only second copies are the messages whose 250 the server never sent.
  expect(h.sink.drops).toEqual({ midMessage: DROPS_MID_MESSAGE, afterMessage: DROPS_AFTER_DOT });
  expect(received - byMessageId.size).toBe(DROPS_AFTER_DOT);
  // Refused recipients: recorded as rejected with the server's answer, asked once, never retried.
  expect(rejected.map((r) => r.recipient).sort()).toEqual([...REFUSED].sort());
  for (const row of rejected) expect(row.lastError).toMatch(/550/);
  expect(retriedAfterReject).toBe(0);
  expect(onAdminPage.sort()).toEqual([...REFUSED].sort());
  // The outage lasted several retries for every delivery.
  expect(
    rows.filter((r) => r.recipient.startsWith("outage-")).every((r) => r.attempts > OUTAGE_ATTEMPTS),
  ).toBe(true);
});
