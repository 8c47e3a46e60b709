import { describe, expect, it } from "vitest";
import { assessRunHealth, type RunSignals } from "./assess-run-health.ts";

const run = (linksFound: number, charsets: Record<string, number> = {}, withoutMainText = 0): RunSignals => ({
  linksFound,
  charsets,
  withoutMainText,
});
const usual = [run(40), run(42), run(38), run(41), run(40)];

describe("assessRunHealth", () => {
  it("is healthy when a run looks like the recent ones", () => {
    expect(assessRunHealth(run(39, { "utf-8": 2 }), usual)).toEqual({ health: "healthy", reason: null });
  });

  it("flags list pages that yield no links", () => {
    const verdict = assessRunHealth(run(0), usual);
    expect(verdict.health).toBe("unhealthy");
    expect(verdict.reason).toBe("list pages yielded no announcement links (usually 40)");
  });

  it("flags far fewer links than the median of recent runs, not a modest dip", () => {
    expect(assessRunHealth(run(11), usual).reason).toMatch(/11 links, far fewer than usual \(median 40/);
    expect(assessRunHealth(run(13), usual).health).toBe("healthy");
  });

  it("flags detail pages that suddenly have no main text", () => {
    const before = [run(40, { "utf-8": 5 }, 0), run(40, { "utf-8": 4 }, 1)];
    expect(assessRunHealth(run(40, { "utf-8": 4 }, 4), before).reason).toBe(
      "4 of 4 detail pages had no main text",
    );
    // A source whose pages never had main text has not changed.
    expect(assessRunHealth(run(40, { "utf-8": 4 }, 4), [run(40, { "utf-8": 4 }, 4)]).health).toBe("healthy");
  });

  it("flags a charset change, not a mix the source always had", () => {
    const before = [run(40, { "utf-8": 5 }), run(40, { "utf-8": 3, gb18030: 1 })];
    expect(assessRunHealth(run(40, { "windows-1252": 3 }), before).reason).toBe(
      "detail pages are now decoded as windows-1252 (usually utf-8)",
    );
    expect(assessRunHealth(run(40, { gb18030: 2, "utf-8": 1 }), before).health).toBe("healthy");
  });

  it("flags changed detail pages that suddenly yield no targets, where most used to", () => {
    const sampled = (pages: number, withTargets: number): RunSignals => ({
      ...run(40, { "utf-8": pages }),
      targetSample: { pages, withTargets },
    });
    expect(assessRunHealth(sampled(4, 0), [sampled(5, 4), sampled(3, 2)]).reason).toBe(
      "none of 4 new or changed detail pages yielded targets (usually 75% do)",
    );
    expect(assessRunHealth(sampled(4, 0), [sampled(5, 1), sampled(3, 0)]).health).toBe("healthy");
    expect(assessRunHealth(sampled(2, 0), [sampled(5, 5)]).health).toBe("healthy");
  });
});
