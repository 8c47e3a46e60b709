import { issueLinkTokens } from "@trackwatch/db";
import {
  createTestDb,
  makeChange,
  makeDelivery,
  makeDocument,
  makeExtraction,
  makeSource,
  makeSubscriber,
} from "@trackwatch/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportScenario } from "../src/report-scenario.ts";
import { sendRawHttp } from "../src/send-raw-http.ts";
import { FAULTS_ADMIN_TOKEN, type ServedWebApp, serveWebApp } from "../src/serve-web-app.ts";
import { type AdminClient, signInAsAdmin } from "../src/sign-in-as-admin.ts";
import { changedTables, fingerprintTables } from "../src/table-fingerprint.ts";
import {
  encodeRequest,
  type FuzzRequest,
  fuzzRequests,
  paramValue,
  pathFor,
} from "../src/web-fuzz-requests.ts";

// Scenario 6 (issue 10): random and malformed requests over real HTTP against every route of the
// real app on a real PostgreSQL database. Bounded by a request count and a deadline.
const REQUESTS = 10_000;
const AUTHORIZED_FORMS = 500;
const AUTHORIZED_PER_ROUTE = 8;
const IN_FLIGHT = 16;
const DEADLINE_MS = 240_000;
const STACK_TRACE = /\bat .+\.(ts|tsx|js|mjs|cjs):\d+|node_modules\/|\n\s+at [\w.<]+ \(/;

let database: Awaited<ReturnType<typeof createTestDb>>;
let web: ServedWebApp;
let documentIds: string[];
let tokens: string[];

beforeAll(async () => {
  database = await createTestDb("postgres");
  const db = database.db;
  const source = await makeSource(db, { id: "faults-source" });
  const document = await makeDocument(db, { sourceId: source.id });
  await makeExtraction(db, { documentId: document.id });
  await makeChange(db, { documentId: document.id, sourceId: source.id });
  const subscriber = await makeSubscriber(db);
  await makeSubscriber(db, { status: "pending", confirmedAt: null });
  await makeDelivery(db, { subscriberId: subscriber.id, recipient: subscriber.email });
  const links = await issueLinkTokens(db, { subscriberId: subscriber.id });
  documentIds = [String(document.id)];
  tokens = [links.manage, links.unsubscribe, FAULTS_ADMIN_TOKEN];
  web = await serveWebApp(db, { sources: [{ id: source.id, name: source.name }] });
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

interface Outcome {
  request: FuzzRequest;
  status: number | null;
  stackTrace: boolean;
}

async function runAll<T>(items: T[], inFlight: number, deadline: number, send: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length && Date.now() < deadline) {
        const item = items[next]!;
        next += 1;
        await send(item);
      }
    }),
  );
}

it("answers 10,000 random and malformed requests on every route without a 5xx, a stack trace or a data change", async () => {
  const started = Date.now();
  const host = `127.0.0.1:${web.port}`;
  const routes = web.routes.filter((r) => r.path !== "/*");
  const routePatterns = new Set(routes.map((r) => r.path));
  const requests = fc.sample(
    fuzzRequests(routes, {
      host,
      origins: [web.url, "http://127.0.0.1:3000"],
      documentIds,
      tokens,
    }),
    { numRuns: REQUESTS, seed: 20261128 },
  );
  const before = await fingerprintTables(database.db);
  const queuedBefore = (await web.queues.crawl.count()) + (await web.queues.email!.count());

  const outcomes: Outcome[] = [];
  await runAll(requests, IN_FLIGHT, started + DEADLINE_MS, async (request) => {
    const answer = await sendRawHttp(web.port, encodeRequest(request, host));
    outcomes.push({ request, status: answer.status, stackTrace: STACK_TRACE.test(answer.body) });
  });

  const after = await fingerprintTables(database.db);
  const changed = changedTables(before, after);
  const queuedAfter = (await web.queues.crawl.count()) + (await web.queues.email!.count());
  const serverErrors = outcomes.filter((o) => o.status !== null && o.status >= 500);
  const stackTraces = outcomes.filter((o) => o.stackTrace);
  const statuses = new Map<string, number>();
  for (const o of outcomes) statuses.set(String(o.status), (statuses.get(String(o.status)) ?? 0) + 1);
  const unanswered = outcomes.filter((o) => o.status === null);
  const seconds = Math.round((Date.now() - started) / 1000);

  // Requests sent with a valid CSRF token and admin session: they may change data, never fail.
  // One session: sign-ins are rate limited per address, and the fuzz above used some of them.
  const admin = await signInAsAdmin(web.url);
  const authorized = [
    // Signing out would end the session the rest of this phase runs in.
    ...(await fuzzAuthorizedRoutes(
      admin,
      routes.filter((r) => r.path !== "/admin/logout"),
    )),
    ...(await fuzzAuthorizedForms(admin)),
  ];
  const byStatus = new Map<number, number>();
  for (const o of authorized) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  const authorizedStatuses = [...byStatus].map(([st, n]) => `${st}×${n}`).join(" ");
  const authorizedErrors = authorized.filter((o) => o.status >= 500 || o.stackTrace);

  reportScenario("web fuzz", {
    requests: outcomes.length,
    routes: routePatterns.size,
    "5xx": serverErrors.length + authorized.filter((o) => o.status >= 500).length,
    "stack traces": stackTraces.length + authorized.filter((o) => o.stackTrace).length,
    "data changed without token": changed.length + (queuedAfter - queuedBefore),
    "authorized requests": `${authorized.length} (${authorizedStatuses})`,
    // Node's HTTP server closes a CONNECT it has no handler for, before the app sees it.
    "CONNECT closed unanswered": unanswered.length,
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
    s: seconds,
  });
  const show = (o: Outcome) =>
    `${o.status} ${encodeRequest(o.request, host).toString("latin1").slice(0, 300)}`;
  expect(outcomes.length).toBe(REQUESTS);
  expect(serverErrors.map(show)).toEqual([]);
  expect(unanswered.filter((o) => o.request.garbage || o.request.method !== "CONNECT").map(show)).toEqual([]);
  expect(stackTraces.map(show)).toEqual([]);
  expect(web.loggedErrors).toEqual([]);
  expect(changed).toEqual([]);
  expect(queuedAfter).toBe(queuedBefore);
  expect(authorizedErrors.map((o) => `${o.status} ${o.what}`)).toEqual([]);
});

/** Signs in with the admin token over HTTP, then posts random forms with the session's CSRF token. */
async function fuzzAuthorizedForms(admin: AdminClient) {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom("", "元宇宙", "A".repeat(43), "-1", "\u0000"),
  );
  const forms = fc.sample(
    fc.record({
      route: fc.constantFrom(
        "/subscribe",
        "/preferences/:token",
        "/unsubscribe/:token",
        "/admin/recrawl",
        "/admin/login",
      ),
      token: fc.oneof(text, fc.constantFrom(...tokens)),
      fields: fc.dictionary(
        fc.constantFrom(
          "email",
          "tracks",
          "frequency",
          "locale",
          "sourceId",
          "token",
          "List-Unsubscribe",
          "x",
        ),
        fc.oneof(text, fc.array(text, { maxLength: 70 })),
        { maxKeys: 6 },
      ),
    }),
    { numRuns: AUTHORIZED_FORMS, seed: 1128 },
  );
  const outcomes: { status: number; stackTrace: boolean; what: string }[] = [];
  for (const f of forms) {
    const path = f.route.replace(":token", encodeURIComponent(f.token) || "x");
    const response = await admin.postForm(path, f.fields);
    const body = await response.text();
    outcomes.push({ status: response.status, stackTrace: STACK_TRACE.test(body), what: `POST ${path}` });
  }
  return outcomes;
}

/** Every route with the admin session: each method it registers, its parameters filled at random. */
async function fuzzAuthorizedRoutes(admin: AdminClient, routes: { method: string; path: string }[]) {
  const params = fc.sample(
    fc.array(paramValue({ host: "", origins: [], documentIds, tokens }), { minLength: 1, maxLength: 4 }),
    { numRuns: AUTHORIZED_PER_ROUTE * routes.length, seed: 2811 },
  );
  const outcomes: { status: number; stackTrace: boolean; what: string }[] = [];
  for (const [i, route] of routes.entries()) {
    for (let j = 0; j < AUTHORIZED_PER_ROUTE; j++) {
      const path = pathFor(route.path, params[i * AUTHORIZED_PER_ROUTE + j]!, false);
      const method = route.method === "ALL" ? (j % 2 === 0 ? "GET" : "POST") : route.method;
      const response =
        method === "GET"
          ? await admin.request(path)
          : await admin.request(path, {
              method,
              body: JSON.stringify({ x: params[j]![0] }),
              headers: { "content-type": "application/json", "x-csrf": admin.csrf },
            });
      const body = await response.text();
      outcomes.push({
        status: response.status,
        stackTrace: STACK_TRACE.test(body),
        what: `${method} ${path}`,
      });
    }
  }
  return outcomes;
}
