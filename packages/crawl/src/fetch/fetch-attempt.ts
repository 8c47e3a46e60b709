import { isIP } from "node:net";
import type { Agent } from "undici";
import { request } from "undici";
import { isBlockedAddress } from "./blocked-address.ts";
import type { FetchErrorKind, FetchFailure, FetchSuccess, RedirectHop } from "./fetch-result.ts";
import { isRetryableKind } from "./fetch-result.ts";
import { BLOCKED_ADDRESS_CODE } from "./guarded-lookup.ts";
import { allowNamesHost, effectivePort, isHostAllowed, isPortAllowed, normalizeHost } from "./host-allow.ts";
import { parseRetryAfter } from "./parse-retry-after.ts";
import { readCappedBody, TooLargeError } from "./read-capped-body.ts";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface AttemptSettings {
  agent: Agent;
  userAgent: string;
  maxBytes: number;
  maxRedirects: number;
  /** Deadline for the whole attempt, redirects and body included: what stops a server dribbling bytes. */
  totalTimeoutMs: number;
}

export interface AttemptInput {
  allow: readonly string[];
  /**
   * A URL of the source itself (its list page): its port is the one a portless allow entry permits besides
   * 80/443. Defaults to the fetched URL, so pass it for links found in crawled pages.
   */
  home?: string;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  signal?: AbortSignal;
}

export type AttemptOutcome =
  | (Omit<FetchSuccess, "timings" | "transferredBytes"> & {
      transferredBytes: number;
      headersMs: number | null;
    })
  | (Omit<FetchFailure, "timings"> & { headersMs: number | null });

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function hasCode(error: unknown, code: string): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === code) return true;
    e = e.cause as typeof e;
  }
  return false;
}

function classifyThrown(
  error: unknown,
  deadlineHit: boolean,
  callerAborted: boolean,
): { kind: FetchErrorKind; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (callerAborted && !deadlineHit) return { kind: "network", message: "aborted by the caller" };
  if (error instanceof TooLargeError) return { kind: "too-large", message };
  if (hasCode(error, BLOCKED_ADDRESS_CODE)) {
    const blocked = (error as { cause?: { message?: string } }).cause?.message ?? message;
    return { kind: "blocked-address", message: blocked.includes("refused") ? blocked : message };
  }
  if (deadlineHit) return { kind: "timeout", message: "overall response deadline passed" };
  for (const code of [
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
    "ETIMEDOUT",
  ]) {
    if (hasCode(error, code)) return { kind: "timeout", message };
  }
  return { kind: "network", message };
}

/** One attempt: the request and its redirect chain, every hop checked against `allow` and the address guard. */
export async function fetchAttempt(
  startUrl: string,
  input: AttemptInput,
  settings: AttemptSettings,
): Promise<AttemptOutcome> {
  const redirects: RedirectHop[] = [];
  const visited = new Set<string>();
  const started = performance.now();
  let headersMs: number | null = null;
  let current: URL;
  try {
    current = new URL(startUrl);
  } catch {
    return failure("outside-allow", `not a valid URL: ${startUrl}`, startUrl);
  }
  let homePort = effectivePort(current);
  if (input.home) {
    try {
      homePort = effectivePort(new URL(input.home));
    } catch {
      // An unparsable home leaves the start URL's port as home.
    }
  }

  const controller = new AbortController();
  let deadlineHit = false;
  const deadline = setTimeout(() => {
    deadlineHit = true;
    controller.abort(new Error("deadline"));
  }, settings.totalTimeoutMs);
  const onCallerAbort = () => controller.abort(input.signal?.reason);
  input.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (input.signal?.aborted) controller.abort(input.signal.reason);

  function failure(
    kind: FetchErrorKind,
    message: string,
    url: string,
    status: number | null = null,
    retryAfterMs: number | null = null,
  ): AttemptOutcome {
    return {
      ok: false,
      kind,
      retryable: isRetryableKind(kind, status),
      message,
      url,
      status,
      retryAfterMs,
      redirects,
      headersMs,
    };
  }

  try {
    for (;;) {
      const hop = redirects.length;
      if (current.protocol !== "http:" && current.protocol !== "https:") {
        return failure(
          hop ? "redirect-outside-allow" : "outside-allow",
          `unsupported scheme ${current.protocol}`,
          current.href,
        );
      }
      if (!isHostAllowed(current, input.allow)) {
        return failure(
          hop ? "redirect-outside-allow" : "outside-allow",
          `${current.host} is not in the source's allowed hosts`,
          current.href,
        );
      }
      if (!isPortAllowed(current, homePort, input.allow)) {
        return failure(
          hop ? "redirect-outside-allow" : "outside-allow",
          `port ${effectivePort(current)} of ${current.hostname} is not the source's port and no allow entry names it`,
          current.href,
        );
      }
      // IP literals never reach the DNS guard, so check them here. An explicit allow entry is the only exemption.
      const host = normalizeHost(current.hostname);
      if (isIP(host) && isBlockedAddress(host) && !allowNamesHost(host, input.allow)) {
        return failure("blocked-address", `refused to connect to non-public address ${host}`, current.href);
      }
      current.hash = "";
      visited.add(current.href);

      const headers: Record<string, string> = {
        "user-agent": settings.userAgent,
        accept: input.accept ?? "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8",
        "accept-encoding": "gzip, deflate, br",
        "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
      };
      if (input.etag) headers["if-none-match"] = input.etag;
      if (input.lastModified) headers["if-modified-since"] = input.lastModified;

      const response = await request(current, {
        method: "GET",
        headers,
        dispatcher: settings.agent,
        signal: controller.signal,
      });
      headersMs = performance.now() - started;
      const responseHeaders = flattenHeaders(response.headers);
      const status = response.statusCode;

      if (REDIRECT_STATUSES.has(status) && responseHeaders.location) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => {});
        let next: URL;
        try {
          next = new URL(responseHeaders.location, current);
        } catch {
          return failure(
            "redirect-outside-allow",
            `invalid redirect target ${responseHeaders.location}`,
            current.href,
            status,
          );
        }
        next.hash = "";
        redirects.push({ status, from: current.href, to: next.href });
        if (visited.has(next.href)) {
          return failure("redirect-loop", `redirect loop back to ${next.href}`, current.href, status);
        }
        if (redirects.length > settings.maxRedirects) {
          return failure(
            "redirect-loop",
            `more than ${settings.maxRedirects} redirects`,
            current.href,
            status,
          );
        }
        current = next;
        continue;
      }

      const base = {
        status,
        url: current.href,
        headers: responseHeaders,
        contentType: responseHeaders["content-type"] ?? null,
        etag: responseHeaders.etag ?? null,
        lastModified: responseHeaders["last-modified"] ?? null,
        redirects,
        headersMs,
      };

      if (status === 304) {
        await response.body.dump().catch(() => {});
        return {
          ok: true,
          ...base,
          bytes: new Uint8Array(0),
          bodySha256: null,
          notModified: true,
          transferredBytes: 0,
        };
      }
      if (status >= 400) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => {});
        const retryAfterMs =
          status === 429 || status === 503 ? parseRetryAfter(responseHeaders["retry-after"]) : null;
        return failure(
          status >= 500 ? "http-5xx" : "http-4xx",
          `HTTP ${status}`,
          current.href,
          status,
          retryAfterMs,
        );
      }
      if (status < 200 || status >= 300) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => {});
        return failure(
          "network",
          `unexpected HTTP ${status} without a usable Location`,
          current.href,
          status,
        );
      }

      const declaredLength = Number(responseHeaders["content-length"]);
      if (Number.isFinite(declaredLength) && declaredLength > settings.maxBytes) {
        response.body.destroy();
        return failure(
          "too-large",
          `Content-Length ${declaredLength} exceeds ${settings.maxBytes} bytes`,
          current.href,
          status,
        );
      }
      const body = await readCappedBody(
        response.body,
        responseHeaders["content-encoding"] ?? null,
        settings.maxBytes,
      );
      return {
        ok: true,
        ...base,
        bytes: new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength),
        bodySha256: body.sha256,
        notModified: false,
        transferredBytes: body.transferredBytes,
      };
    }
  } catch (error) {
    const { kind, message } = classifyThrown(error, deadlineHit, input.signal?.aborted === true);
    return failure(kind, message, current.href);
  } finally {
    clearTimeout(deadline);
    input.signal?.removeEventListener("abort", onCallerAbort);
  }
}
