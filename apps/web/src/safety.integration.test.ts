import type { Db } from "@trackwatch/db";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_SENTENCE, HOSTILE_TITLE, seedDocument } from "../test/seed.ts";
import { createClient, createTestApp, openTestDb, type TestApp } from "../test/test-app.ts";

let db: Db;
let closeDb: () => Promise<void>;
let t: TestApp;
let documentId: number;

beforeAll(async () => {
  ({ db, close: closeDb } = await openTestDb());
  ({ documentId } = await seedDocument(db));
  t = await createTestApp(db);
});

afterAll(async () => {
  await t?.close();
  await closeDb?.();
});

/** No element or attribute that crawled text could have injected. */
function expectNoInjectedMarkup(html: string) {
  const $ = load(html);
  expect($("script:not([src])").length).toBe(0);
  expect($("img").length).toBe(0);
  expect($("[onerror]").length).toBe(0);
}

describe("crawled text is escaped", () => {
  it.each(["/", "/changes", "/documents/:id"])(
    "%s shows hostile titles and sentences as text",
    async (path) => {
      const client = createClient(t.app);
      const response = await client.request(path.replace(":id", String(documentId)));
      expect(response.status).toBe(200);
      const html = await response.text();
      expectNoInjectedMarkup(html);
      const text = load(html).text();
      expect(text).toContain(`<script>alert("title")</script>`);
      expect(text).toContain(`"><img src=x onerror=alert(1)>`);
    },
  );

  it("document page highlights the sentence as text inside <mark>", async () => {
    const html = await (await createClient(t.app).request(`/documents/${documentId}`)).text();
    expectNoInjectedMarkup(html);
    const marks = load(html)("mark");
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.first().text()).toBe(HOSTILE_SENTENCE.replace("3500", "4000"));
    expect(load(html)("h1").text()).toBe(HOSTILE_TITLE);
  });

  it("sends a Content-Security-Policy without inline script", async () => {
    const response = await createClient(t.app).request("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const $ = load(await response.text());
    expect(
      $("script")
        .toArray()
        .every((el) => Boolean($(el).attr("src"))),
    ).toBe(true);
  });
});

describe("CSRF", () => {
  it("refuses a subscribe POST without the token", async () => {
    const client = createClient(t.app);
    await client.request("/subscribe");
    const response = await client.postForm("/subscribe", {
      email: "csrf@example.org",
      frequency: "daily",
      locale: "en",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it("refuses a POST from another origin even with the token", async () => {
    const client = createClient(t.app);
    const token = await client.csrfFrom("/subscribe");
    const response = await client.postForm(
      "/subscribe",
      { _csrf: token, email: "csrf2@example.org", frequency: "daily", locale: "en" },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
  });

  it("refuses a token that does not match the cookie", async () => {
    const client = createClient(t.app);
    await client.request("/subscribe");
    const response = await client.postForm("/subscribe", { _csrf: "x".repeat(32), email: "c3@example.org" });
    expect(response.status).toBe(403);
  });
});

describe("rate limits", () => {
  it("refuses the 6th subscribe in a minute from one IP with a clear message", async () => {
    const client = createClient(t.app);
    const token = await client.csrfFrom("/subscribe?lang=en");
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 6; i++) {
      const response = await client.postForm("/subscribe", {
        _csrf: token,
        email: `rate-${i}-${client.ip}@example.org`,
        frequency: "daily",
        locale: "en",
      });
      statuses.push(response.status);
      last = await response.text();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(load(last)("[role=alert]").text()).toMatch(/Too many attempts\. Please wait \d+ seconds/);
    // Another address is not affected.
    const other = createClient(t.app);
    const otherToken = await other.csrfFrom("/subscribe");
    const ok = await other.postForm("/subscribe", {
      _csrf: otherToken,
      email: `other-${other.ip}@example.org`,
    });
    expect(ok.status).toBe(200);
  });
});

describe("admin", () => {
  it("refuses a wrong admin token and keeps the admin page closed", async () => {
    const client = createClient(t.app);
    const token = await client.csrfFrom("/admin/login?lang=en");
    const response = await client.postForm("/admin/login", {
      _csrf: token,
      token: "wrong-token-wrong-token",
    });
    expect(response.status).toBe(401);
    const $ = load(await response.text());
    expect($("#token-error").text()).toBe("Wrong admin token.");
    expect($("#token").attr("aria-describedby")).toBe("token-error");
    const admin = await client.request("/admin");
    expect(admin.status).toBe(303);
    expect(admin.headers.get("location")).toBe("/admin/login");
    const board = await client.request("/admin/queues/api/queues", {
      headers: { accept: "application/json" },
    });
    expect(board.status).toBe(401);
  });

  it("accepts the right token with a strict HttpOnly session cookie", async () => {
    const client = createClient(t.app);
    const token = await client.csrfFrom("/admin/login");
    const response = await client.postForm("/admin/login", {
      _csrf: token,
      token: "test-admin-token-0123456789",
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("tw_admin="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await client.request("/admin")).status).toBe(200);
  });
});

describe("https deployments", () => {
  it("marks the admin session cookie Secure and sends HSTS when PUBLIC_URL is https", async () => {
    const secure = await createTestApp(db, { env: { PUBLIC_URL: "https://trackwatch.example.org" } });
    try {
      const client = createClient(secure.app);
      const csrf = await client.csrfFrom("/admin/login");
      const response = await client.postForm(
        "/admin/login",
        { _csrf: csrf, token: "test-admin-token-0123456789" },
        { origin: "https://trackwatch.example.org" },
      );
      expect(response.status).toBe(303);
      expect(response.headers.getSetCookie().find((c) => c.startsWith("tw_admin="))).toMatch(/; Secure/);
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe("bad input", () => {
  it.each([
    ["/changes?cursor=abc", 400],
    ["/changes?kind=nope", 400],
    ["/changes?from=2026-13-45", 400],
    ["/api/changes?limit=100000", 400],
    ["/changes.atom?track=%3Cscript%3E", 400],
    ["/documents/abc", 404],
    ["/documents/99999999", 404],
    [`/documents/1?version=x`, 400],
    ["/unsubscribe/not-a-token", 404],
    ["/preferences/%E0%A4%A", 404],
    ["/nowhere", 404],
  ])("%s answers %i without a stack trace", async (path, status) => {
    const response = await createClient(t.app).request(path);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toMatch(/at .*\.(ts|js):\d+|Error:/);
  });

  it("answers a malformed or oversized body with 4xx", async () => {
    const client = createClient(t.app);
    const token = await client.csrfFrom("/subscribe");
    const json = await client.request("/subscribe", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(400);
    const big = await client.postForm("/subscribe", { _csrf: token, email: "x".repeat(200_000) });
    expect(big.status).toBe(413);
    const multipart = await client.request("/subscribe", {
      method: "POST",
      body: "--x\r\nbroken",
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect([400, 403]).toContain(multipart.status);
  });
});
