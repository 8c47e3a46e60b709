import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { schema } from "@trackwatch/db";
import { enqueueDigest } from "@trackwatch/queue";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, REDIS_URL, startHarness, waitFor } from "./notifier-harness.ts";
import { METAVERSE_CHANGES, seedChanges, seedDocument, seedSubscribers } from "./seed.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const SUBSCRIBERS = 1_000;
const KILLS = 4;

let h: Harness;
let child: ChildProcess | undefined;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await h.close();
});

/** The notifier as its own process, as in service mode; resolves once its workers run. */
function startNotifier(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      REDIS_URL,
      QUEUE_PREFIX: h.prefix,
      SMTP_URL: h.sink.url,
      SMTP_POOL_SIZE: "3",
      MAIL_FROM: h.config.MAIL_FROM,
      PUBLIC_URL: h.config.PUBLIC_URL,
      DELIVERY_STALE_MS: "6000",
      LOG_LEVEL: "info",
      TZ: "Asia/Shanghai",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`notifier exited (${code}) before starting: ${stderr}`));
    proc.once("exit", onExit);
    proc.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("notifier started")) {
        proc.off("exit", onExit);
        resolve(proc);
      }
    });
  });
}

async function kill(proc: ChildProcess) {
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGKILL");
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const deliveries = () => h.db.select().from(schema.deliveries);

it(`SIGKILLed ${KILLS} times during a ${SUBSCRIBERS}-subscriber digest: nobody missed, duplicates only in flight`, async () => {
  const emails = Array.from(
    { length: SUBSCRIBERS },
    (_, i) => `crash-${String(i).padStart(4, "0")}@example.org`,
  );
  await seedSubscribers(
    h.db,
    emails.map((email, i) => ({ email, locale: i % 2 ? ("en" as const) : ("zh" as const) })),
  );
  await seedChanges(h.db, await seedDocument(h.db, { title: "元宇宙行动方案（修订）" }), METAVERSE_CHANGES);

  child = await startNotifier();
  await enqueueDigest(h.digestQueue, { frequency: "daily" });
  const inFlight: number[] = [];
  // Random moments through the run: the first as soon as outbox rows exist, then at random
  // fractions of the mails sent.
  const thresholds = [0, ...Array.from({ length: KILLS - 1 }, (_, k) => (k + Math.random() * 0.8) / KILLS)];
  for (let k = 0; k < KILLS; k++) {
    const target = Math.floor(thresholds[k]! * SUBSCRIBERS);
    await waitFor(
      `${target} mails sent`,
      async () => {
        const rows = await deliveries();
        return rows.length > 0 && rows.filter((r) => r.status === "sent").length >= target;
      },
      120_000,
    );
    await kill(child);
    const rows = await deliveries();
    inFlight.push(rows.filter((r) => r.status === "sending").length);
    console.log(
      `kill ${k + 1}: ${rows.length} deliveries recorded, ${rows.filter((r) => r.status === "sent").length} sent, ` +
        `${inFlight[k]} in flight, ${h.sink.messages.length} mails received`,
    );
    child = await startNotifier();
  }

  await waitFor(
    "every delivery sent",
    async () => {
      const rows = await deliveries();
      return rows.length === SUBSCRIBERS && rows.every((r) => r.status === "sent");
    },
    150_000,
  );
  await sleep(1_000);

  const received = new Map<string, number>();
  for (const m of h.sink.messages) {
    const to = m.to[0]!.toLowerCase();
    received.set(to, (received.get(to) ?? 0) + 1);
  }
  const missed = emails.filter((e) => !received.has(e)).length;
  const duplicated = [...received.values()].reduce((sum, n) => sum + (n - 1), 0);
  const allowed = inFlight.reduce((a, b) => a + b, 0);
  console.log(
    `crash test: ${SUBSCRIBERS} subscribers, ${KILLS} SIGKILLs, missed ${missed}, duplicated ${duplicated} ` +
      `(in flight at the kills: ${inFlight.join(" + ")} = ${allowed})`,
  );
  expect(missed).toBe(0);
  expect(duplicated).toBeLessThanOrEqual(allowed);
  // A duplicate is the same message again: same Message-ID, so clients can fold it.
  const ids = new Map<string, string>();
  for (const m of h.sink.messages) {
    const to = m.to[0]!.toLowerCase();
    if (ids.has(to)) expect(m.parsed.messageId).toBe(ids.get(to));
    ids.set(to, m.parsed.messageId!);
  }
}, 240_000);
