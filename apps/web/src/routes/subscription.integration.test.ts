import { type Db, findSubscriberByEmail, issueSubscriberToken } from "@trackwatch/db";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createTestApp, openTestDb, type TestApp } from "../../test/test-app.ts";

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  t = await createTestApp(db);
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

async function subscribeAs(email: string, fields: Record<string, string | string[]> = {}) {
  const client = createClient(t.app);
  const token = await client.csrfFrom("/subscribe?lang=en");
  const response = await client.postForm("/subscribe", {
    _csrf: token,
    email,
    frequency: "weekly",
    locale: "en",
    ...fields,
  });
  return { client, response, html: await response.text() };
}

describe("subscribe", () => {
  it("stores a pending subscriber and queues one confirmation mail", async () => {
    const { response, html } = await subscribeAs("Reader@Example.org", {
      tracks: ["metaverse", "digital-economy"],
    });
    expect(response.status).toBe(200);
    expect(load(html)("[role=status]").text()).toContain("Reader@Example.org");
    const row = await findSubscriberByEmail(db, "reader@example.org");
    expect(row?.status).toBe("pending");
    expect(row?.tracks).toEqual(["digital-economy", "metaverse"]);
    expect(row?.frequency).toBe("weekly");
    const jobs = await t.queues.email.getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.length).toBe(1);
  });

  it("shows errors next to the fields and keeps what was typed", async () => {
    const { response, html } = await subscribeAs("not an address", { frequency: "hourly" });
    expect(response.status).toBe(400);
    const $ = load(html);
    expect($("#email").attr("aria-invalid")).toBe("true");
    expect($("#email").attr("aria-describedby")).toBe("email-error");
    expect($("#email-error").text()).toBe("enter just the address (name@example.org), without a name");
    expect($("#email").attr("value")).toBe("not an address");
    expect($("#frequency-error").text()).toMatch(/immediate, daily or weekly/);
    expect(await findSubscriberByEmail(db, "not an address")).toBeFalsy();
  });

  it("labels every form control", async () => {
    const $ = load(await (await createClient(t.app).request("/subscribe")).text());
    $("input:not([type=hidden]), select").each((_, el) => {
      const id = $(el).attr("id");
      const labelled = (id && $(`label[for="${id}"]`).length > 0) || $(el).parents("label").length > 0;
      expect(labelled, `control ${$(el).attr("name")} has a label`).toBe(true);
    });
  });
});

describe("confirm, preferences, unsubscribe", () => {
  it("confirms with a valid link and refuses a forged one without changing anything", async () => {
    await subscribeAs("confirm@example.org");
    const subscriber = (await findSubscriberByEmail(db, "confirm@example.org"))!;
    const forger = createClient(t.app);
    const forgedCsrf = await forger.csrfFrom(`/confirm/${"A".repeat(43)}`);
    const forged = await forger.postForm(`/confirm/${"A".repeat(43)}`, { _csrf: forgedCsrf });
    expect(forged.status).toBe(404);
    expect((await findSubscriberByEmail(db, "confirm@example.org"))?.status).toBe("pending");

    const token = await issueSubscriberToken(db, { subscriberId: subscriber.id, scope: "confirm" });
    const client = createClient(t.app);
    // Following the link (as a mail scanner would) changes nothing; the button confirms.
    const csrf = await client.csrfFrom(`/confirm/${token}?lang=en`);
    expect((await findSubscriberByEmail(db, "confirm@example.org"))?.status).toBe("pending");
    const response = await client.postForm(`/confirm/${token}`, { _csrf: csrf });
    expect(response.status).toBe(200);
    const $ = load(await response.text());
    expect($("[role=status]").text()).toContain("confirm@example.org");
    expect((await findSubscriberByEmail(db, "confirm@example.org"))?.status).toBe("active");

    // The page links to the preferences, where tracks can be changed.
    const manage = $("a[href^='/preferences/']").attr("href")!;
    const saved = await client.postForm(manage, {
      _csrf: await client.csrfFrom(manage),
      tracks: "green-low-carbon",
      frequency: "daily",
      locale: "zh",
    });
    expect(saved.status).toBe(200);
    const row = await findSubscriberByEmail(db, "confirm@example.org");
    expect(row?.tracks).toEqual(["green-low-carbon"]);
    expect(row?.locale).toBe("zh");
  });

  it("unsubscribes with the page's button, and with the RFC 8058 one-click POST without cookies", async () => {
    for (const [email, oneClick] of [
      ["button@example.org", false],
      ["oneclick@example.org", true],
    ] as const) {
      await subscribeAs(email);
      const subscriber = (await findSubscriberByEmail(db, email))!;
      const confirmPath = `/confirm/${await issueSubscriberToken(db, { subscriberId: subscriber.id, scope: "confirm" })}`;
      const confirmer = createClient(t.app);
      await confirmer.postForm(confirmPath, { _csrf: await confirmer.csrfFrom(confirmPath) });
      const token = await issueSubscriberToken(db, { subscriberId: subscriber.id, scope: "unsubscribe" });
      const client = createClient(t.app);
      let response: Response;
      if (oneClick) {
        // A mail provider's POST: no cookie, no Origin, no CSRF field.
        response = await client.postForm(
          `/unsubscribe/${token}`,
          { "List-Unsubscribe": "One-Click" },
          { origin: null },
        );
      } else {
        const page = await client.request(`/unsubscribe/${token}`);
        expect(load(await page.text())("form button").length).toBe(1);
        const csrf = await client.csrfFrom(`/unsubscribe/${token}`);
        response = await client.postForm(`/unsubscribe/${token}`, { _csrf: csrf });
      }
      expect(response.status).toBe(200);
      expect((await findSubscriberByEmail(db, email))?.status).toBe("unsubscribed");
    }
  });

  it("does not unsubscribe on a plain POST without the one-click body or CSRF token", async () => {
    await subscribeAs("keep@example.org");
    const subscriber = (await findSubscriberByEmail(db, "keep@example.org"))!;
    const token = await issueSubscriberToken(db, { subscriberId: subscriber.id, scope: "unsubscribe" });
    const response = await createClient(t.app).postForm(
      `/unsubscribe/${token}`,
      { foo: "bar" },
      { origin: null },
    );
    expect(response.status).toBe(403);
    expect((await findSubscriberByEmail(db, "keep@example.org"))?.status).toBe("pending");
  });
});
