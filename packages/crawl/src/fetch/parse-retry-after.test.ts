import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./parse-retry-after.ts";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");
  it("reads delta seconds and HTTP dates", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("returns null for absent or unparsable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});
