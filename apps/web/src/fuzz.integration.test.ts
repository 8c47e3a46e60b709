import { type Db, findSubscriberByEmail } from "@trackwatch/db";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDocument } from "../test/seed.ts";
import { ADMIN_TOKEN, createClient, createTestApp, openTestDb, type TestApp } from "../test/test-app.ts";

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

const ROUTES = [
  "/",
  "/changes",
  "/changes.atom",
  "/api/changes",
  "/documents/:doc",
  "/documents/:token",
  "/subscribe",
  "/confirm/:token",
  "/preferences/:token",
  "/unsubscribe/:token",
  "/admin",
  "/admin/login",
  "/admin/logout",
  "/admin/recrawl",
  "/admin/recrawl/:token",
  "/admin/queues",
  "/admin/queues/api/queues",
  "/healthz",
  "/readyz",
  "/static/style.css",
  "/static/:token",
];

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "%",
    "%E0%A4%A",
    "%00",
    "../../etc/passwd",
    "<script>",
    "A".repeat(43),
    "-1",
    "1e309",
    "99999999999999999999",
    "\u0000",
    "😀",
    "[]",
    "{}",
    "null",
  ),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"),
  segment: nasty,
  query: fc.array(
    fc.tuple(
      fc.constantFrom(
        "track",
        "kind",
        "from",
        "to",
        "cursor",
        "limit",
        "source",
        "lang",
        "version",
        "a",
        "b",
        "job",
        "x",
      ),
      nasty,
    ),
    {
      maxLength: 4,
    },
  ),
  contentType: fc.constantFrom(
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=zz",
    "multipart/form-data",
    "application/json",
    "text/plain",
    "",
  ),
  body: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      "email=a%40b.org&tracks=metaverse",
      "_csrf=x&email=",
      "List-Unsubscribe=One-Click",
      "--zz\r\n",
      "%%%",
    ),
  ),
  cookie: fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 60 }),
    fc.constant("tw_admin=1.aaaa; tw_csrf=zzzz"),
  ),
  acceptLanguage: fc.oneof(fc.constant("en"), fc.string({ maxLength: 30 })),
});

it("answers 2000 random and malformed requests without a 5xx, a stack trace or a data change", async () => {
  const client = createClient(t.app);
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      // Raw bytes in the path: build it encoded so that the URL parser accepts it.
      const segment = /%/.test(r.segment) ? r.segment : encodeURIComponent(r.segment);
      const path = r.route.replace(":doc", String(documentId)).replace(":token", segment);
      const query = r.query.map(([k, v]) => `${k}=${/%/.test(v) ? v : encodeURIComponent(v)}`).join("&");
      const headers: Record<string, string> = {
        "accept-language": r.acceptLanguage.replace(/[^\x20-\x7e]/g, ""),
      };
      if (r.contentType) headers["content-type"] = r.contentType;
      const cookie = r.cookie.replace(/[^\x20-\x7e]/g, "");
      if (cookie) headers.cookie = cookie;
      const hasBody = !["GET", "HEAD"].includes(r.method);
      const response = await client.request(`${path}${query ? `?${query}` : ""}`, {
        method: r.method,
        headers,
        body: hasBody ? r.body : undefined,
      });
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      const text = r.method === "HEAD" ? "" : await response.text();
      expect(response.status, `${r.method} ${path}?${query}`).toBeLessThan(500);
      expect(text).not.toMatch(/\bat .+\.(ts|js|tsx):\d+/);
    }),
    { numRuns: 2000, seed: 20261128 },
  );
  // No subscription slipped through without a valid CSRF token.
  expect(await findSubscriberByEmail(db, "a@b.org")).toBeFalsy();
  // Sanity: the run exercised more than one outcome.
  expect(seen.size).toBeGreaterThan(3);
  // The admin area stayed closed: no recrawl was enqueued.
  expect(await t.queues.crawl.count()).toBe(0);
}, 240_000);

it("answers 500 random forms posted with a valid CSRF token and admin session without a 5xx", async () => {
  const client = createClient(t.app);
  const csrf = await client.csrfFrom("/admin/login");
  await client.postForm("/admin/login", { _csrf: csrf, token: ADMIN_TOKEN });
  const form = fc.record({
    route: fc.constantFrom(
      "/subscribe",
      "/preferences/:token",
      "/unsubscribe/:token",
      "/admin/recrawl",
      "/admin/login",
    ),
    token: nasty,
    fields: fc.dictionary(
      fc.constantFrom("email", "tracks", "frequency", "locale", "sourceId", "token", "List-Unsubscribe", "x"),
      fc.oneof(nasty, fc.array(nasty, { maxLength: 70 })),
      { maxKeys: 6 },
    ),
  });
  await fc.assert(
    fc.asyncProperty(form, async (f) => {
      const path = f.route.replace(":token", encodeURIComponent(f.token) || "x");
      const response = await client.postForm(path, { ...f.fields, _csrf: csrf });
      expect(response.status, `POST ${path} ${JSON.stringify(f.fields)}`).toBeLessThan(500);
      expect(await response.text()).not.toMatch(/\bat .+\.(ts|js|tsx):\d+/);
    }),
    { numRuns: 500, seed: 1128 },
  );
}, 240_000);
