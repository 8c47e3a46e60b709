export type FetchErrorKind =
  | "timeout"
  | "too-large"
  | "redirect-loop"
  | "redirect-outside-allow"
  | "outside-allow"
  | "blocked-address"
  | "http-4xx"
  | "http-5xx"
  | "network"
  | "robots";

export interface RedirectHop {
  status: number;
  from: string;
  to: string;
}

export interface FetchTimings {
  startedAt: string;
  /** From the start of the last attempt until the final response's headers arrived. */
  headersMs: number | null;
  /** All attempts, back-off waits and redirects included. */
  totalMs: number;
  attempts: number;
}

export interface FetchSuccess {
  ok: true;
  /** 2xx, or 304 when `notModified`. */
  status: number;
  /** Final URL after redirects. */
  url: string;
  headers: Record<string, string>;
  /** The decoded (not transfer-compressed) body; empty for a 304. */
  bytes: Uint8Array;
  /** sha256 hex of `bytes`; null for a 304. */
  bodySha256: string | null;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  notModified: boolean;
  redirects: RedirectHop[];
  /** Bytes received on the wire (compressed), for bandwidth figures. */
  transferredBytes: number;
  timings: FetchTimings;
}

export interface FetchFailure {
  ok: false;
  kind: FetchErrorKind;
  /** Whether trying again later may help (timeouts, 5xx, network, 429); a 404 or a blocked address will not. */
  retryable: boolean;
  message: string;
  /** The URL that failed (the last redirect hop reached). */
  url: string;
  status: number | null;
  /** From a Retry-After header on 429/503, in milliseconds. */
  retryAfterMs: number | null;
  redirects: RedirectHop[];
  timings: FetchTimings;
}

export type FetchResult = FetchSuccess | FetchFailure;

const RETRYABLE: Record<FetchErrorKind, boolean> = {
  timeout: true,
  "too-large": false,
  "redirect-loop": false,
  "redirect-outside-allow": false,
  "outside-allow": false,
  "blocked-address": false,
  "http-4xx": false,
  "http-5xx": true,
  network: true,
  robots: false,
};

export function isRetryableKind(kind: FetchErrorKind, status?: number | null): boolean {
  // 429 is a 4xx that asks to come back later rather than a permanent answer.
  if (kind === "http-4xx" && status === 429) return true;
  return RETRYABLE[kind];
}
