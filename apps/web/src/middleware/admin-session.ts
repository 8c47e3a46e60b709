import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.ts";

export const ADMIN_COOKIE = "tw_admin";
const SESSION_SECONDS = 8 * 3600;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Compares through fixed-length digests so neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function sign(adminToken: string, expiresAt: number): string {
  return createHmac("sha256", adminToken).update(`admin-session:${expiresAt}`).digest("base64url");
}

/** Stateless session: expiry + HMAC keyed by ADMIN_TOKEN, so rotating the token signs everyone out. */
export function startAdminSession(c: Context<AppEnv>, adminToken: string, secure: boolean): void {
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
  setCookie(c, ADMIN_COOKIE, `${expiresAt}.${sign(adminToken, expiresAt)}`, {
    path: "/admin",
    httpOnly: true,
    sameSite: "Strict",
    secure,
    maxAge: SESSION_SECONDS,
  });
}

export function endAdminSession(c: Context<AppEnv>, secure: boolean): void {
  deleteCookie(c, ADMIN_COOKIE, { path: "/admin", secure });
}

export function hasAdminSession(c: Context<AppEnv>, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const cookie = getCookie(c, ADMIN_COOKIE);
  const match = cookie ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(cookie) : null;
  if (!match) return false;
  const expiresAt = Number(match[1]);
  if (expiresAt * 1000 < Date.now()) return false;
  return tokenMatches(match[2]!, sign(adminToken, expiresAt));
}

/** Guards admin routes: pages redirect to the sign-in form, JSON endpoints answer 401. */
export function requireAdmin(adminToken: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (hasAdminSession(c, adminToken)) return next();
    const wantsJson =
      (c.req.header("accept") ?? "").includes("application/json") || c.req.path.includes("/api/");
    if (wantsJson) return c.json({ error: "sign in at /admin first" }, 401);
    return c.redirect("/admin/login", 303);
  };
}
