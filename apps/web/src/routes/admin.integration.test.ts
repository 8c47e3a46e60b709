import { type Db, finishCrawlRun, startCrawlRun, syncSources } from "@trackwatch/db";
import { makeDelivery } from "@trackwatch/db/testing";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, createClient, createTestApp, openTestDb, type TestApp } from "../../test/test-app.ts";

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  await syncSources(db, {
    sources: [{ id: "sh-gov", name: "上海市人民政府", definition: { id: "sh-gov" } }],
  });
  t = await createTestApp(db, { sources: [{ id: "sh-gov", name: "上海市人民政府" }] });
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

async function signedIn() {
  const client = createClient(t.app);
  const csrf = await client.csrfFrom("/admin/login");
  const response = await client.postForm("/admin/login", { _csrf: csrf, token: ADMIN_TOKEN });
  expect(response.status).toBe(303);
  return client;
}

describe("recrawl now", () => {
  it("enqueues a manual crawl of a configured source and reports its progress until the run finishes", async () => {
    const client = await signedIn();
    const page = await client.request("/admin");
    const $ = load(await page.text());
    expect($("#source-sh-gov form[data-recrawl] button").length).toBe(1);
    const csrf = $("#source-sh-gov input[name=_csrf]").attr("value")!;

    const response = await client.postForm(
      "/admin/recrawl",
      { _csrf: csrf, sourceId: "sh-gov" },
      { headers: { accept: "application/json" } },
    );
    expect(response.status).toBe(202);
    const { jobId, statusUrl } = (await response.json()) as { jobId: string; statusUrl: string };
    const job = await t.queues.crawl.getJob(jobId);
    expect(job?.data).toEqual({ sourceId: "sh-gov", trigger: "manual", requestedBy: "admin" });

    const waiting = (await (await client.request(statusUrl)).json()) as { finished: boolean; state: string };
    expect(waiting).toMatchObject({ finished: false, state: "waiting" });

    // The crawler records the run under the job id; the poll sees it finish.
    const run = await startCrawlRun(db, {
      sourceId: "sh-gov",
      trigger: "manual",
      requestedBy: "admin",
      jobId,
    });
    await job!.remove();
    await finishCrawlRun(db, {
      id: run.id,
      status: "succeeded",
      errors: [],
      linksFound: 3,
      pagesFetched: 3,
      notModified: 0,
      unchanged: 2,
      newDocuments: 0,
      changed: 1,
      failed: 0,
      bytes: 1000,
    });
    const done = (await (await client.request(statusUrl)).json()) as {
      finished: boolean;
      run: { status: string };
    };
    expect(done.finished).toBe(true);
    expect(done.run.status).toBe("succeeded");
  });

  it("refuses a source id that is not configured", async () => {
    const client = await signedIn();
    const csrf = await client.csrfFrom("/admin");
    const before = await t.queues.crawl.count();
    const response = await client.postForm("/admin/recrawl", { _csrf: csrf, sourceId: "../../etc" });
    expect(response.status).toBe(400);
    expect(await t.queues.crawl.count()).toBe(before);
  });

  it("refuses recrawl without a session", async () => {
    const client = createClient(t.app);
    const csrf = await client.csrfFrom("/subscribe");
    const response = await client.postForm("/admin/recrawl", { _csrf: csrf, sourceId: "sh-gov" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login");
  });
});

describe("mails not delivered", () => {
  it("lists the recipients the mail server refused, with its answer, and not the mails sent", async () => {
    await makeDelivery(db, {
      recipient: "refused@example.org",
      status: "rejected",
      attempts: 1,
      lastError: "550 mailbox unavailable: refused@example.org",
    });
    await makeDelivery(db, { recipient: "fine@example.org", status: "sent", attempts: 1 });
    const client = await signedIn();
    const $ = load(await (await client.request("/admin")).text());
    const rows = $("#undelivered-mails tbody tr")
      .toArray()
      .map((row) => $(row).text());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("refused@example.org");
    expect(rows[0]).toContain("550 mailbox unavailable");
  });
});

describe("queue dashboard", () => {
  it("serves bull-board to a signed-in admin", async () => {
    const client = await signedIn();
    const page = await client.request("/admin/queues");
    expect(page.status).toBe(200);
    const api = await client.request("/admin/queues/api/queues", { headers: { accept: "application/json" } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(["crawl", "email"]);
  });
});

describe("health", () => {
  it("/healthz and /readyz answer when the database and Redis do", async () => {
    const client = createClient(t.app);
    expect((await client.request("/healthz")).status).toBe(200);
    const ready = await client.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
  });
});
