import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";

/**
 * The peer address of the connection. X-Forwarded-For is not trusted: anyone could set it to
 * escape the rate limits. Under app.request (tests) the caller passes `{ incoming }` as env.
 */
export function clientIp(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? "unknown";
}
