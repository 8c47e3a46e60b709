import { CronExpressionParser } from "cron-parser";
import { describe, expect, it } from "vitest";
import { spreadCronPattern } from "./schedulers.ts";

describe("spreadCronPattern", () => {
  it("adds a per-source second and shifts a literal minute within the spread", () => {
    const spread = spreadCronPattern("0 */6 * * *", "sheitc-notices", 10);
    const [second, minute, hour] = spread.split(" ");
    expect(Number(second)).toBeGreaterThanOrEqual(0);
    expect(Number(second)).toBeLessThan(60);
    expect(Number(minute)).toBeLessThanOrEqual(10);
    expect(hour).toBe("*/6");
    expect(() => CronExpressionParser.parse(spread)).not.toThrow();
  });

  it("is stable for one source and differs across sources", () => {
    expect(spreadCronPattern("0 * * * *", "a")).toBe(spreadCronPattern("0 * * * *", "a"));
    const phases = new Set(
      Array.from({ length: 20 }, (_, i) => spreadCronPattern("0 * * * *", `source-${i}`)),
    );
    expect(phases.size).toBeGreaterThan(10);
  });

  it("keeps a step minute a step and leaves six-field patterns alone", () => {
    const spread = spreadCronPattern("*/15 * * * *", "x", 30);
    expect(spread.split(" ")[1]).toMatch(/^\d+-59\/15$/);
    expect(() => CronExpressionParser.parse(spread)).not.toThrow();
    expect(spreadCronPattern("5 0 * * * *", "x")).toBe("5 0 * * * *");
  });
});
