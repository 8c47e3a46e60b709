/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app-env.ts";
import { Layout } from "./views/layout.tsx";

/** Renders a page in the site layout with the request's locale and messages. */
export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  options: { status?: ContentfulStatusCode; wide?: boolean } = {},
) {
  const url = new URL(c.req.url);
  const page = (
    <Layout
      t={c.var.t}
      locale={c.var.locale}
      path={`${url.pathname}${url.search}`}
      title={title}
      wide={options.wide}
    >
      {body}
    </Layout>
  );
  // The language comes from Accept-Language or the cookie; shared caches must keep them apart.
  c.header("vary", "Accept-Language, Cookie");
  c.header("cache-control", "no-cache");
  return c.html(`<!doctype html>${page}`, options.status ?? 200);
}
