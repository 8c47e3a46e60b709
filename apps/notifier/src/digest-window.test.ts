import { describe, expect, it } from "vitest";
import { digestWindowKey } from "./digest-window.ts";

describe("digestWindowKey", () => {
  const tz = "Asia/Shanghai";
  it("keys daily runs by the local date in the configured zone", () => {
    // 08:00 in Shanghai is 00:00 UTC: still the 28th there, although UTC agrees only by a hair.
    expect(digestWindowKey("daily", { at: new Date("2026-11-28T00:00:00Z"), tz, horizon: 5 })).toBe(
      "daily:2026-11-28",
    );
    expect(digestWindowKey("daily", { at: new Date("2026-11-27T16:30:00Z"), tz, horizon: 5 })).toBe(
      "daily:2026-11-28",
    );
  });

  it("keys weekly runs by the Monday of the local week", () => {
    // 2026-11-30 is a Monday.
    for (const at of ["2026-11-30T00:00:00Z", "2026-12-03T12:00:00Z", "2026-12-06T15:59:00Z"]) {
      expect(digestWindowKey("weekly", { at: new Date(at), tz, horizon: 1 })).toBe("weekly:2026-11-30");
    }
    expect(digestWindowKey("weekly", { at: new Date("2026-12-06T16:00:00Z"), tz, horizon: 1 })).toBe(
      "weekly:2026-12-07",
    );
  });

  it("keys immediate runs by the change horizon", () => {
    expect(digestWindowKey("immediate", { at: new Date(), tz, horizon: 42 })).toBe("immediate:42");
  });
});
