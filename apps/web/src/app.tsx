/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { pingDatabase } from "@trackwatch/db";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app-env.ts";
import type { WebDeps } from "./deps.ts";
import { MESSAGES } from "./i18n/messages.ts";
import { csrfTokenMiddleware } from "./middleware/csrf-token.ts";
import { localeMiddleware } from "./middleware/locale.ts";
import { createRateLimiter } from "./middleware/rate-limit.ts";
import { field, readForm } from "./middleware/read-form.ts";
import { renderPage } from "./render.tsx";
import { adminRoutes } from "./routes/admin.tsx";
import { changesRoutes } from "./routes/changes.tsx";
import { documentRoutes } from "./routes/document.tsx";
import { healthRoutes } from "./routes/health.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { overviewRoutes } from "./routes/overview.tsx";
import { staticRoutes } from "./routes/static-assets.ts";
import { subscriptionRoutes } from "./routes/subscription.tsx";
import { createTrackCatalog } from "./track-catalog.ts";
import { ErrorBody } from "./views/error-page.tsx";

const MAX_BODY_BYTES = 64 * 1024;

const SITE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

// The queue dashboard is a prebuilt React app that sets inline styles and a <base href> for its
// assets; still no inline script. (Its web-font link stays blocked: fonts fall back to the system's.)
const BOARD_CSP = {
  ...SITE_CSP,
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", "data:"],
  baseUri: ["'self'"],
};

/** One-click unsubscribe (RFC 8058) comes from mail providers without Origin or our cookie; the URL token authorizes it. */
async function isOneClickUnsubscribe(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<boolean> {
  if (c.req.method !== "POST" || !/^\/unsubscribe\/[^/]+$/.test(c.req.path)) return false;
  try {
    return field(await readForm(c), "List-Unsubscribe") === "One-Click";
  } catch {
    return false;
  }
}

/** The web app as a Hono instance: `app.request()` in tests, `startWeb` to serve it. */
export function createWebApp(deps: WebDeps): Hono<AppEnv> {
  const secure = new URL(deps.config.PUBLIC_URL).protocol === "https:";
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;
  const limiter = createRateLimiter({
    redis: deps.redis,
    prefix: `${deps.config.QUEUE_PREFIX}:web:ratelimit`,
  });
  const catalog = createTrackCatalog(deps);
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    const t = c.var.t ?? MESSAGES.zh;
    let status: ContentfulStatusCode = 500;
    let message = t.errorBody;
    let title = t.errorTitle;
    if (error instanceof HTTPException) {
      status = error.status as ContentfulStatusCode;
      if (status === 403) {
        title = t.forbiddenTitle;
        message = error.message === "csrf" || !error.message ? t.csrfRefused : error.message;
      } else if (status === 400 || status === 413) {
        title = t.badRequestTitle;
        message = error.message || t.badRequestTitle;
      } else if (status === 404) {
        title = t.notFoundTitle;
        message = error.message || t.notFoundBody;
      } else if (status === 429) {
        title = t.tooManyTitle;
        message = error.message;
      } else {
        message = error.message || t.errorBody;
      }
      if (status >= 500) deps.log.error({ err: error, path: c.req.path }, "request failed");
    } else {
      deps.log.error({ err: error, path: c.req.path }, "request failed");
    }
    if (c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").startsWith("application/json")) {
      return c.json({ error: status >= 500 ? t.errorBody : message }, status);
    }
    if (!c.var.t) {
      c.set("t", t);
      c.set("locale", "zh");
    }
    return renderPage(c, title, <ErrorBody t={t} message={message} />, { status });
  });

  app.notFound((c) => {
    const t = c.var.t ?? MESSAGES.zh;
    if (c.req.path.startsWith("/api/")) return c.json({ error: "not found" }, 404);
    if (!c.var.t) {
      c.set("t", t);
      c.set("locale", "zh");
    }
    return renderPage(c, t.notFoundTitle, <ErrorBody t={t} message={t.notFoundBody} />, { status: 404 });
  });

  const siteHeaders = secureHeaders({ contentSecurityPolicy: SITE_CSP, strictTransportSecurity: secure });
  const boardHeaders = secureHeaders({ contentSecurityPolicy: BOARD_CSP, strictTransportSecurity: secure });
  app.use("*", (c, next) =>
    c.req.path.startsWith("/admin/queues") ? boardHeaders(c, next) : siteHeaders(c, next),
  );
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: "request body too large" });
      },
    }),
  );
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("*", localeMiddleware(secure));

  const originCheck = csrf({
    origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin,
  });
  app.use("*", (c, next) => (/^\/unsubscribe\/[^/]+$/.test(c.req.path) ? next() : originCheck(c, next)));
  app.use(
    "*",
    csrfTokenMiddleware(secure, async (c) => {
      // The dashboard's JSON API sits behind the SameSite=Strict admin cookie and the Origin check.
      if (c.req.path.startsWith("/admin/queues/")) return true;
      return isOneClickUnsubscribe(c);
    }),
  );

  app.route("/", staticRoutes());
  app.route(
    "/",
    healthRoutes(deps, () => pingDatabase(deps.db)),
  );
  app.route("/", metricsRoutes(deps));
  app.route("/", overviewRoutes(deps));
  app.route("/", changesRoutes(deps, catalog));
  app.route("/", documentRoutes(deps));
  app.route("/", subscriptionRoutes(deps, limiter, catalog));
  app.route("/", adminRoutes(deps, limiter, secure));
  return app;
}
