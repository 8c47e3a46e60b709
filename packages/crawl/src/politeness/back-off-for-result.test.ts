import { describe, expect, it } from "vitest";
import { backOffForResult, fallbackBackOffMs } from "./back-off-for-result.ts";

describe("backOffForResult", () => {
  it("backs off only for failed 429/503 results, by Retry-After or the fallback", () => {
    expect(backOffForResult({ ok: false, status: 429, retryAfterMs: 7_000 }, 1_000)).toBe(7_000);
    expect(backOffForResult({ ok: false, status: 503, retryAfterMs: null }, 1_000)).toBe(1_000);
    expect(backOffForResult({ ok: false, status: 500, retryAfterMs: null }, 1_000)).toBe(0);
    expect(backOffForResult({ ok: true, status: 200 }, 1_000)).toBe(0);
    expect(backOffForResult("html", 1_000)).toBe(0);
  });

  it("falls back to ten times the spacing, within 1–60 s", () => {
    expect(fallbackBackOffMs(0)).toBe(1_000);
    expect(fallbackBackOffMs(3_000)).toBe(30_000);
    expect(fallbackBackOffMs(300_000)).toBe(60_000);
  });
});
