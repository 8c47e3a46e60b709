/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import {
  type CrawlRunView,
  listRecentCrawlRuns,
  listSourceCrawlStatus,
  listUndeliveredMails,
} from "@trackwatch/db";
import { enqueueRecrawl, listSourceSchedules } from "@trackwatch/queue";
import type { Queue } from "bullmq";
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";
import type { Locale } from "../i18n/locale.ts";
import { format, type Messages, statusName } from "../i18n/messages.ts";
import {
  endAdminSession,
  hasAdminSession,
  requireAdmin,
  startAdminSession,
  tokenMatches,
} from "../middleware/admin-session.ts";
import { clientIp } from "../middleware/client-ip.ts";
import type { RateLimiter } from "../middleware/rate-limit.ts";
import { field, readForm } from "../middleware/read-form.ts";
import { renderPage } from "../render.tsx";
import { formatDateTime } from "../views/format-value.ts";
import { CsrfField } from "../views/layout.tsx";
import { DASHBOARD_PATH, queueDashboard } from "./queue-dashboard.ts";

/** Sign-in attempts per IP: 5 a minute and 20 an hour; a token cannot be guessed at that pace. */
export const LOGIN_LIMITS = [
  { limit: 5, windowSeconds: 60 },
  { limit: 20, windowSeconds: 3600 },
];

const JOB_ID = /^[A-Za-z0-9:_-]{1,100}$/;

interface RecrawlStatus {
  jobId: string;
  state: string;
  finished: boolean;
  run: Pick<
    CrawlRunView,
    "id" | "status" | "pagesFetched" | "changed" | "newDocuments" | "failed" | "error"
  > | null;
  label: string;
}

function statusLabel(t: Messages, locale: Locale, status: Omit<RecrawlStatus, "label">): string {
  const run = status.run;
  const counts = run
    ? ` · ${t.pages} ${run.pagesFetched} · +${run.newDocuments} / Δ${run.changed} · ${t.errors} ${run.failed}`
    : "";
  const error = run?.error ? ` · ${run.error}` : "";
  return `${t.progress}: ${statusName(run?.status ?? status.state, locale)}${counts}${error}`;
}

async function recrawlStatus(
  deps: WebDeps,
  t: Messages,
  locale: Locale,
  jobId: string,
): Promise<RecrawlStatus | null> {
  const [job, runs] = await Promise.all([
    deps.queues.crawl.getJob(jobId),
    listRecentCrawlRuns(deps.db, { jobId, limit: 1 }),
  ]);
  const run = runs[0];
  if (!job && !run) return null;
  const state = job ? await job.getState() : (run?.status ?? "unknown");
  const finished =
    state === "completed" || state === "failed" || (run !== undefined && run.status !== "running" && !job);
  const status = {
    jobId,
    state,
    finished,
    run: run
      ? {
          id: run.id,
          status: run.status,
          pagesFetched: run.pagesFetched,
          changed: run.changed,
          newDocuments: run.newDocuments,
          failed: run.failed,
          error: run.error,
        }
      : null,
  };
  return { ...status, label: statusLabel(t, locale, status) };
}

function wantsJson(c: Context<AppEnv>): boolean {
  return (c.req.header("accept") ?? "").includes("application/json");
}

export function adminRoutes(deps: WebDeps, limiter: RateLimiter, secure: boolean) {
  const adminToken = deps.config.ADMIN_TOKEN;
  const app = new Hono<AppEnv>();
  const sourceIds = new Set(deps.sources.map((s) => s.id));

  const loginForm = (c: Context<AppEnv>, error?: string, status = 200) =>
    renderPage(
      c,
      c.var.t.adminLogin,
      adminToken ? (
        <form method="post" action="/admin/login">
          <CsrfField token={c.var.csrfToken} />
          <div class="field">
            <label for="token">{c.var.t.adminToken}</label>
            <input
              type="password"
              id="token"
              name="token"
              required
              autocomplete="current-password"
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "token-error" : undefined}
            />
            {error ? (
              <p class="error" id="token-error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit">{c.var.t.signIn}</button>
        </form>
      ) : (
        <p class="alert">{c.var.t.adminDisabled}</p>
      ),
      { status: status as 200 },
    );

  app.get("/admin/login", (c) => (hasAdminSession(c, adminToken) ? c.redirect("/admin", 303) : loginForm(c)));

  app.post("/admin/login", async (c) => {
    const fields = await readForm(c);
    if (!adminToken) return loginForm(c, undefined, 403);
    for (const [i, rule] of LOGIN_LIMITS.entries()) {
      const result = await limiter.hit(`login:${i}:ip:${clientIp(c)}`, rule.limit, rule.windowSeconds);
      if (!result.allowed) {
        c.header("retry-after", String(result.retryAfter));
        return loginForm(c, format(c.var.t.tooMany, { seconds: result.retryAfter }), 429);
      }
    }
    const token = field(fields, "token") ?? "";
    if (!tokenMatches(token, adminToken)) {
      deps.log.warn({ ip: clientIp(c) }, "admin sign-in refused: wrong token");
      return loginForm(c, c.var.t.wrongToken, 401);
    }
    startAdminSession(c, adminToken, secure);
    return c.redirect("/admin", 303);
  });

  app.post("/admin/logout", async (c) => {
    endAdminSession(c, secure);
    return c.redirect("/", 303);
  });

  app.use("/admin", requireAdmin(adminToken));
  app.use("/admin/*", async (c, next) => {
    if (c.req.path === "/admin/login" || c.req.path === "/admin/logout") return next();
    return requireAdmin(adminToken)(c, next);
  });

  app.get("/admin", async (c) => {
    const { t, locale } = c.var;
    const tz = deps.config.TZ;
    const [statuses, runs, schedules, undelivered] = await Promise.all([
      listSourceCrawlStatus(deps.db),
      listRecentCrawlRuns(deps.db, { limit: 30 }),
      listSourceSchedules(deps.queues.crawl).catch(() => new Map<string, { next: Date | null }>()),
      listUndeliveredMails(deps.db, { limit: 50 }),
    ]);
    const statusById = new Map(statuses.map((s) => [s.id, s]));
    const job = c.req.query("job");
    return renderPage(
      c,
      t.adminTitle,
      <>
        <form method="post" action="/admin/logout">
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="secondary">
            {t.signOut}
          </button>{" "}
          <a href={`${DASHBOARD_PATH}`}>{t.queueDashboard}</a>
        </form>
        {job && JOB_ID.test(job) ? (
          <p class="notice" role="status">
            {t.recrawlQueued}:{" "}
            <output data-status-url={`/admin/recrawl/${encodeURIComponent(job)}`}>{job}</output>
          </p>
        ) : null}
        <h2>{t.sourcesTitle}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.filterSource}</th>
                <th scope="col">{t.health}</th>
                <th scope="col">{t.lastCrawled}</th>
                <th scope="col">{t.nextRun}</th>
                <th scope="col">{t.recrawlNow}</th>
              </tr>
            </thead>
            <tbody>
              {deps.sources.map((source) => {
                const status = statusById.get(source.id);
                const next = schedules.get(source.id)?.next ?? null;
                return (
                  <tr id={`source-${source.id}`}>
                    <td>
                      {source.name ?? source.id}
                      <br />
                      <span class="muted">{source.id}</span>
                    </td>
                    <td class={`status-${status?.health ?? "healthy"}`}>
                      {status ? statusName(status.health, locale) : "—"}
                      {status?.healthReason ? <div class="muted">{status.healthReason}</div> : null}
                    </td>
                    <td>
                      {status?.lastRun
                        ? `${statusName(status.lastRun.status, locale)} · ${formatDateTime(status.lastRun.startedAt, locale, tz)}`
                        : t.never}
                    </td>
                    <td>{next ? formatDateTime(next, locale, tz) : "—"}</td>
                    <td>
                      <form method="post" action="/admin/recrawl" data-recrawl="">
                        <CsrfField token={c.var.csrfToken} />
                        <input type="hidden" name="sourceId" value={source.id} />
                        <button type="submit">{t.recrawlNow}</button> <output aria-live="polite"></output>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h2>{t.crawlRuns}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.filterSource}</th>
                <th scope="col">{t.trigger}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.started}</th>
                <th scope="col">{t.finished}</th>
                <th scope="col">{t.pages}</th>
                <th scope="col">{t.errors}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr>
                  <td>{run.sourceId}</td>
                  <td>
                    {statusName(run.trigger, locale)}
                    {run.requestedBy ? <span class="muted">{` (${run.requestedBy})`}</span> : null}
                  </td>
                  <td class={`status-${run.status}`}>{statusName(run.status, locale)}</td>
                  <td>{formatDateTime(run.startedAt, locale, tz)}</td>
                  <td>{formatDateTime(run.finishedAt, locale, tz)}</td>
                  <td class="num">{`${run.pagesFetched} · +${run.newDocuments} · Δ${run.changed}`}</td>
                  <td>
                    {run.error ? <div>{run.error}</div> : null}
                    {run.errors.length > 0 ? (
                      <details>
                        <summary>{`${run.errors.length}`}</summary>
                        <ul>
                          {run.errors.slice(0, 20).map((e) => (
                            <li>
                              {e.url}: {e.message}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {undelivered.length > 0 ? (
          <section id="undelivered-mails">
            <h2>{t.undeliveredMails}</h2>
            <p class="muted">{t.undeliveredHint}</p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.recipient}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.attempts}</th>
                    <th scope="col">{t.created}</th>
                    <th scope="col">{t.errors}</th>
                  </tr>
                </thead>
                <tbody>
                  {undelivered.map((mail) => (
                    <tr>
                      <td>{mail.recipient}</td>
                      <td class={`status-${mail.status}`}>{statusName(mail.status, locale)}</td>
                      <td class="num">{mail.attempts}</td>
                      <td>{formatDateTime(mail.createdAt, locale, tz)}</td>
                      <td>{mail.lastError ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </>,
      { wide: true },
    );
  });

  app.post("/admin/recrawl", async (c) => {
    const t = c.var.t;
    const sourceId = field(await readForm(c), "sourceId") ?? "";
    if (!sourceIds.has(sourceId)) {
      if (wantsJson(c)) return c.json({ error: t.unknownSource }, 400);
      throw new HTTPException(400, { message: t.unknownSource });
    }
    let jobId: string;
    const requestedAt = Date.now();
    try {
      ({ jobId } = await enqueueRecrawl(deps.queues.crawl, { sourceId, requestedBy: "admin" }));
    } catch (error) {
      deps.log.error({ err: error, sourceId }, "recrawl could not be enqueued");
      throw new HTTPException(503, { message: "the crawl queue is unavailable (is Redis running?)" });
    }
    // Clicks within a minute of a recrawl are collapsed into it by the queue: say so rather than
    // showing the earlier run's result as if it were new.
    const job = await deps.queues.crawl.getJob(jobId).catch(() => undefined);
    const deduplicated = Boolean(job && job.timestamp < requestedAt - 1_000);
    deps.log.info({ sourceId, jobId, deduplicated }, "manual recrawl enqueued");
    const statusUrl = `/admin/recrawl/${encodeURIComponent(jobId)}`;
    const label = deduplicated ? t.recrawlDeduplicated : `${t.recrawlQueued} (${jobId})`;
    if (wantsJson(c)) return c.json({ jobId, statusUrl, deduplicated, label }, 202);
    return c.redirect(`/admin?job=${encodeURIComponent(jobId)}#source-${encodeURIComponent(sourceId)}`, 303);
  });

  app.get("/admin/recrawl/:jobId", async (c) => {
    const jobId = c.req.param("jobId");
    if (!JOB_ID.test(jobId)) return c.json({ error: "invalid job id" }, 400);
    const status = await recrawlStatus(deps, c.var.t, c.var.locale, jobId);
    if (!status) return c.json({ error: "unknown job" }, 404);
    return c.json(status);
  });

  const queues = [deps.queues.crawl, deps.queues.extract, deps.queues.digest, deps.queues.email].filter(
    (q): q is Queue => q !== undefined,
  );
  app.route(DASHBOARD_PATH, queueDashboard(queues));
  return app;
}
