import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";
import { field, readForm } from "./read-form.ts";

export const CSRF_COOKIE = "tw_csrf";
const SAFE = /^(GET|HEAD|OPTIONS)$/;

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Double-submit token on top of Hono's Origin check: every form carries `_csrf`, which must equal
 * the cookie. `exempt` requests are authorized by other means (the unsubscribe token, the
 * dashboard's JSON API behind the SameSite=Strict admin cookie).
 */
export function csrfTokenMiddleware(
  secure: boolean,
  exempt: (c: Context<AppEnv>) => boolean | Promise<boolean>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
      token = randomBytes(24).toString("base64url");
      setCookie(c, CSRF_COOKIE, token, { path: "/", httpOnly: true, sameSite: "Strict", secure });
      if (!SAFE.test(c.req.method) && !(await exempt(c))) {
        throw new HTTPException(403, { message: "csrf" });
      }
    }
    c.set("csrfToken", token);
    if (!SAFE.test(c.req.method) && !(await exempt(c))) {
      const posted = field(await readForm(c), "_csrf");
      if (!posted || !sameToken(posted, token)) throw new HTTPException(403, { message: "csrf" });
    }
    await next();
  };
}
