import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database, IN_MEMORY } from "../../create-db.ts";
import { migrate } from "../../migrate.ts";
import { deliveries, subscribers } from "../../schema/subscribers.ts";
import { confirmSubscription } from "./confirm-subscription.ts";
import { expirePendingSubscribers } from "./expire-pending-subscribers.ts";
import { getSubscriberByToken } from "./get-subscriber-by-token.ts";
import { issueSubscriberToken } from "./issue-subscriber-token.ts";
import { subscribe } from "./subscribe.ts";
import { createToken, SubscriptionTokenError } from "./subscriber-token.ts";
import { unsubscribe } from "./unsubscribe.ts";
import { updateSubscriberPreferences } from "./update-subscriber-preferences.ts";

let database: Database;
beforeAll(async () => {
  database = await createDb({ DATA_DIR: IN_MEMORY });
  await migrate(database.db);
});
afterAll(() => database.close());

const rowsFor = async (email: string) =>
  (await database.db.select().from(subscribers)).filter((s) => s.email.toLowerCase() === email.toLowerCase());

describe("subscriptions", () => {
  it("re-subscribing in another case queues a new confirmation for the same subscriber", async () => {
    const db = database.db;
    const first = await subscribe(db, {
      email: "Wang@Example.org",
      tracks: ["metaverse"],
      frequency: "weekly",
    });
    const second = await subscribe(db, { email: "wang@example.ORG", tracks: [], locale: "en" });
    expect(second.deliveryId).not.toBe(first.deliveryId);
    const rows = await rowsFor("wang@example.org");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", tracks: [], locale: "en", frequency: "daily" });
    const mails = await db.select().from(deliveries).where(eq(deliveries.subscriberId, rows[0]!.id));
    expect(mails.map((m) => m.kind)).toEqual(["confirmation", "confirmation"]);
  });

  it("confirms with a confirm token only; an active address keeps its preferences until confirmed", async () => {
    const db = database.db;
    await subscribe(db, { email: "zhao@example.org", tracks: ["metaverse"], frequency: "immediate" });
    const [row] = await rowsFor("zhao@example.org");
    const confirmToken = await issueSubscriberToken(db, {
      subscriberId: row!.id,
      scope: "confirm",
      data: { tracks: ["metaverse"], frequency: "immediate", locale: "zh" },
    });
    const unsubscribeToken = await issueSubscriberToken(db, { subscriberId: row!.id, scope: "unsubscribe" });
    await expect(confirmSubscription(db, { token: unsubscribeToken })).rejects.toThrow(
      SubscriptionTokenError,
    );
    const confirmed = await confirmSubscription(db, { token: confirmToken });
    expect(confirmed.subscriber).toMatchObject({ status: "active", tracks: ["metaverse"] });
    expect((await confirmSubscription(db, { token: confirmToken })).alreadyConfirmed).toBe(true);

    // Someone subscribes the same address with other preferences: nothing changes before confirmation.
    await subscribe(db, { email: "ZHAO@example.org", tracks: ["green-low-carbon"], frequency: "weekly" });
    expect(await getSubscriberByToken(db, { token: confirmed.manageToken, scope: "manage" })).toMatchObject({
      status: "active",
      tracks: ["metaverse"],
      frequency: "immediate",
    });

    const updated = await updateSubscriberPreferences(db, {
      token: confirmed.manageToken,
      preferences: { tracks: ["digital-economy", "metaverse"], frequency: "daily", locale: "en" },
    });
    expect(updated).toMatchObject({
      tracks: ["digital-economy", "metaverse"],
      frequency: "daily",
      locale: "en",
    });
    await expect(
      updateSubscriberPreferences(db, { token: unsubscribeToken, preferences: { frequency: "weekly" } }),
    ).rejects.toThrow(/not valid/);

    const gone = await unsubscribe(db, { token: unsubscribeToken });
    expect(gone).toMatchObject({ alreadyUnsubscribed: false, subscriber: { status: "unsubscribed" } });
    expect((await unsubscribe(db, { token: unsubscribeToken })).alreadyUnsubscribed).toBe(true);
  });

  it("refuses forged and malformed tokens without changing anything", async () => {
    const db = database.db;
    const before = await db.select().from(subscribers);
    for (const token of [createToken(), "short", "", null, `${createToken()}x`]) {
      await expect(unsubscribe(db, { token })).rejects.toThrow("this link is not valid");
      await expect(confirmSubscription(db, { token })).rejects.toThrow(SubscriptionTokenError);
    }
    expect(await db.select().from(subscribers)).toEqual(before);
  });

  it("expires unconfirmed addresses and their links after 7 days", async () => {
    const db = database.db;
    const then = new Date("2026-01-01T00:00:00Z");
    await subscribe(db, { email: "old@example.org" }, { now: then });
    const [row] = await rowsFor("old@example.org");
    const token = await issueSubscriberToken(db, { subscriberId: row!.id, scope: "confirm", now: then });
    const later = new Date("2026-01-08T00:00:01Z");
    await expect(confirmSubscription(db, { token, now: later })).rejects.toThrow(/expired/);
    expect(await expirePendingSubscribers(db, { now: later })).toBeGreaterThanOrEqual(1);
    expect((await rowsFor("old@example.org"))[0]!.status).toBe("expired");
  });
});
