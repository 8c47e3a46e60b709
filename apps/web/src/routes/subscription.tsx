/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import {
  confirmSubscription,
  getSubscriberByToken,
  preferencesSchema,
  SubscriptionTokenError,
  subscribe,
  subscriberEmailSchema,
  unsubscribe,
  updateSubscriberPreferences,
} from "@trackwatch/db";
import type { Context } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import type { WebDeps } from "../deps.ts";
import { enqueueConfirmation } from "../enqueue-confirmation.ts";
import { format } from "../i18n/messages.ts";
import { clientIp } from "../middleware/client-ip.ts";
import type { RateLimiter } from "../middleware/rate-limit.ts";
import { type FormFields, field, fieldList, readForm } from "../middleware/read-form.ts";
import { renderPage } from "../render.tsx";
import type { TrackCatalog } from "../track-catalog.ts";
import { CsrfField } from "../views/layout.tsx";
import {
  type FieldErrors,
  SubscriptionForm,
  type SubscriptionFormValues,
} from "../views/subscription-form.tsx";

/** Subscribe: 5 a minute from one IP (the 6th is refused), 3 confirmation mails an hour to one address. */
export const SUBSCRIBE_LIMIT_PER_IP = { limit: 5, windowSeconds: 60 };
export const SUBSCRIBE_LIMIT_PER_ADDRESS = { limit: 3, windowSeconds: 3600 };

function valuesFrom(fields: FormFields): SubscriptionFormValues {
  return {
    email: field(fields, "email")?.slice(0, 320),
    tracks: fieldList(fields, "tracks")
      .slice(0, 60)
      .map((t) => t.slice(0, 64)),
    frequency: field(fields, "frequency") ?? "daily",
    locale: field(fields, "locale") ?? "zh",
  };
}

function errorsFrom(c: Context<AppEnv>, error: z.ZodError): FieldErrors {
  const t = c.var.t;
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "form");
    const key = (
      ["email", "tracks", "frequency", "locale"].includes(name) ? name : "form"
    ) as keyof FieldErrors;
    if (errors[key]) continue;
    // The schema speaks English; the Chinese UI says the same thing in general terms.
    errors[key] = c.var.locale === "en" ? issue.message : key === "email" ? t.invalidEmail : t.invalidChoice;
  }
  return errors;
}

function isZodError(error: unknown): error is z.ZodError {
  return error instanceof Error && error.name === "ZodError" && Array.isArray((error as z.ZodError).issues);
}

/** A link that opens nothing: a page saying so, never a 500. */
function invalidLink(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof SubscriptionTokenError)) throw error;
  return renderPage(
    c,
    c.var.t.linkInvalid,
    <p role="alert" class="alert">
      {c.var.locale === "en" ? error.message : c.var.t.linkInvalid}
    </p>,
    { status: error.reason === "expired" ? 410 : 404 },
  );
}

export function subscriptionRoutes(deps: WebDeps, limiter: RateLimiter, catalog: TrackCatalog) {
  const app = new Hono<AppEnv>();

  const showForm = async (
    c: Context<AppEnv>,
    values: SubscriptionFormValues,
    errors: FieldErrors,
    status = 200,
  ) =>
    renderPage(
      c,
      c.var.t.subscribeTitle,
      <>
        <p>{c.var.t.subscribeIntro}</p>
        <SubscriptionForm
          t={c.var.t}
          locale={c.var.locale}
          action="/subscribe"
          csrfToken={c.var.csrfToken}
          tracks={await catalog.list()}
          values={values}
          errors={errors}
          withEmail
          submitLabel={c.var.t.subscribeButton}
        />
      </>,
      { status: status as 200 },
    );

  app.get("/subscribe", (c) =>
    showForm(c, { email: "", tracks: [], frequency: "daily", locale: c.var.locale }, {}),
  );

  app.post("/subscribe", async (c) => {
    const fields = await readForm(c);
    const values = valuesFrom(fields);
    const t = c.var.t;
    const perIp = await limiter.hit(
      `subscribe:ip:${clientIp(c)}`,
      SUBSCRIBE_LIMIT_PER_IP.limit,
      SUBSCRIBE_LIMIT_PER_IP.windowSeconds,
    );
    if (!perIp.allowed) {
      c.header("retry-after", String(perIp.retryAfter));
      return showForm(c, values, { form: format(t.tooMany, { seconds: perIp.retryAfter }) }, 429);
    }
    const email = subscriberEmailSchema.safeParse(values.email ?? "");
    if (email.success) {
      const perAddress = await limiter.hit(
        `subscribe:address:${email.data.toLowerCase()}`,
        SUBSCRIBE_LIMIT_PER_ADDRESS.limit,
        SUBSCRIBE_LIMIT_PER_ADDRESS.windowSeconds,
      );
      if (!perAddress.allowed) {
        c.header("retry-after", String(perAddress.retryAfter));
        return showForm(c, values, { email: format(t.tooMany, { seconds: perAddress.retryAfter }) }, 429);
      }
    }
    let deliveryId: string;
    try {
      ({ deliveryId } = await subscribe(deps.db, {
        email: values.email ?? "",
        tracks: values.tracks,
        frequency: values.frequency as "daily",
        locale: values.locale as "zh",
      }));
    } catch (error) {
      if (isZodError(error)) return showForm(c, values, errorsFrom(c, error), 400);
      throw error;
    }
    await enqueueConfirmation(deps, deliveryId);
    return renderPage(
      c,
      c.var.t.subscribeTitle,
      <p class="notice" role="status">
        {format(t.subscribeDone, { email: email.success ? email.data : (values.email ?? "") })}
      </p>,
    );
  });

  // Opening the link shows a button; only pressing it confirms. Mail scanners that follow every
  // link would otherwise opt in whatever address a stranger typed into the form.
  app.get("/confirm/:token", (c) => {
    const t = c.var.t;
    return renderPage(
      c,
      t.confirmPageTitle,
      <form method="post" action={`/confirm/${encodeURIComponent(c.req.param("token"))}`}>
        <CsrfField token={c.var.csrfToken} />
        <p>{t.confirmQuestion}</p>
        <button type="submit">{t.confirmButton}</button>
      </form>,
    );
  });

  app.post("/confirm/:token", async (c) => {
    try {
      const { subscriber, manageToken } = await confirmSubscription(deps.db, { token: c.req.param("token") });
      return renderPage(
        c,
        c.var.t.confirmTitle,
        <>
          <p class="notice" role="status">
            {format(c.var.t.confirmDone, { email: subscriber.email })}
          </p>
          <p>
            <a href={`/preferences/${manageToken}`}>{c.var.t.managePreferences}</a>
          </p>
        </>,
      );
    } catch (error) {
      return invalidLink(c, error);
    }
  });

  const showPreferences = async (
    c: Context<AppEnv>,
    token: string,
    options: { values?: SubscriptionFormValues; errors?: FieldErrors; saved?: boolean; status?: number } = {},
  ) => {
    const subscriber = await getSubscriberByToken(deps.db, { token, scope: "manage" });
    const values = options.values ?? {
      tracks: subscriber.tracks,
      frequency: subscriber.frequency,
      locale: subscriber.locale,
    };
    const t = c.var.t;
    return renderPage(
      c,
      t.preferencesTitle,
      <>
        {options.saved ? (
          <p class="notice" role="status">
            {t.saved}
          </p>
        ) : null}
        <p>
          {t.email}: <strong>{subscriber.email}</strong>
        </p>
        <SubscriptionForm
          t={t}
          locale={c.var.locale}
          action={`/preferences/${token}`}
          csrfToken={c.var.csrfToken}
          tracks={await catalog.list()}
          values={values}
          errors={options.errors ?? {}}
          withEmail={false}
          submitLabel={t.saveButton}
        />
        <h2>{t.unsubscribeTitle}</h2>
        <form method="post" action={`/unsubscribe/${token}`}>
          <CsrfField token={c.var.csrfToken} />
          <button type="submit" class="secondary">
            {t.unsubscribeButton}
          </button>
        </form>
      </>,
      { status: (options.status ?? 200) as 200 },
    );
  };

  app.get("/preferences/:token", async (c) => {
    try {
      return await showPreferences(c, c.req.param("token"));
    } catch (error) {
      return invalidLink(c, error);
    }
  });

  app.post("/preferences/:token", async (c) => {
    const token = c.req.param("token");
    const values = valuesFrom(await readForm(c));
    const prefs = preferencesSchema.safeParse({
      tracks: values.tracks,
      frequency: values.frequency,
      locale: values.locale,
    });
    try {
      if (!prefs.success) {
        return await showPreferences(c, token, { values, errors: errorsFrom(c, prefs.error), status: 400 });
      }
      await updateSubscriberPreferences(deps.db, { token, preferences: prefs.data });
      return await showPreferences(c, token, { saved: true });
    } catch (error) {
      return invalidLink(c, error);
    }
  });

  app.get("/unsubscribe/:token", async (c) => {
    const token = c.req.param("token");
    try {
      const subscriber = await getSubscriberByToken(deps.db, { token, scope: "unsubscribe" });
      const t = c.var.t;
      return renderPage(
        c,
        t.unsubscribeTitle,
        <>
          <p>
            {t.unsubscribeQuestion} <strong>{subscriber.email}</strong>
          </p>
          <form method="post" action={`/unsubscribe/${token}`}>
            <CsrfField token={c.var.csrfToken} />
            <button type="submit">{t.unsubscribeButton}</button>
          </form>
        </>,
      );
    } catch (error) {
      return invalidLink(c, error);
    }
  });

  app.post("/unsubscribe/:token", async (c) => {
    const fields = await readForm(c);
    const oneClick = field(fields, "List-Unsubscribe") === "One-Click";
    try {
      await unsubscribe(deps.db, { token: c.req.param("token") });
    } catch (error) {
      if (oneClick && error instanceof SubscriptionTokenError) return c.text(error.message, 404);
      return invalidLink(c, error);
    }
    if (oneClick) return c.text("unsubscribed");
    return renderPage(
      c,
      c.var.t.unsubscribeTitle,
      <p class="notice" role="status">
        {c.var.t.unsubscribeDone}
      </p>,
    );
  });

  app.all("/subscribe", () => {
    throw new HTTPException(405, { message: "use GET or POST" });
  });

  return app;
}
