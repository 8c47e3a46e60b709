/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Locale } from "../i18n/locale.ts";
import type { Messages } from "../i18n/messages.ts";

export interface PageProps {
  t: Messages;
  locale: Locale;
  /** Current path with query, for the language switch. */
  path: string;
}

function switchHref(path: string, locale: Locale): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("lang", locale === "zh" ? "en" : "zh");
  return `${url.pathname}${url.search}`;
}

export function Layout(props: PageProps & { title: string; children?: Child; wide?: boolean }) {
  const { t, locale, title } = props;
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="alternate" type="application/atom+xml" title={t.atomFeed} href="/changes.atom" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {t.appName}
          </a>
          <nav aria-label="main">
            <a href="/">{t.navOverview}</a>
            <a href="/changes">{t.navChanges}</a>
            <a href="/subscribe">{t.navSubscribe}</a>
            <a href="/admin">{t.navAdmin}</a>
            <a href={switchHref(props.path, locale)} lang={locale === "zh" ? "en" : "zh"} class="lang">
              {t.switchLanguage}
            </a>
          </nav>
        </header>
        <main id="main" class={props.wide ? "wide" : undefined}>
          <h1>{title}</h1>
          {props.children}
        </main>
        <footer class="site">
          <p>{t.tagline}</p>
        </footer>
      </body>
    </html>
  );
}

/** Hidden double-submit token; every form includes it. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
