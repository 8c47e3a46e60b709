import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.ts";
import { isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "../i18n/locale.ts";
import { MESSAGES } from "../i18n/messages.ts";

/** ?lang= (remembered in a cookie) beats the cookie, which beats Accept-Language. */
export function localeMiddleware(secure: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requested = c.req.query("lang");
    let locale: Locale;
    if (isLocale(requested)) {
      locale = requested;
      setCookie(c, LOCALE_COOKIE, locale, {
        path: "/",
        maxAge: 365 * 24 * 3600,
        sameSite: "Lax",
        httpOnly: true,
        secure,
      });
    } else {
      const remembered = getCookie(c, LOCALE_COOKIE);
      locale = isLocale(remembered) ? remembered : localeFromAcceptLanguage(c.req.header("accept-language"));
    }
    c.set("locale", locale);
    c.set("t", MESSAGES[locale]);
    await next();
  };
}
