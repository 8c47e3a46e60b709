import { describe, expect, it } from "vitest";
import { createLocalPoliteness } from "./create-local-politeness.ts";

describe("createLocalPoliteness", () => {
  it("runs one request per host at a time, spaced, while other hosts proceed", async () => {
    const politeness = createLocalPoliteness();
    const events: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const task = (name: string) => async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      events.push(`start ${name} ${Date.now()}`);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return name;
    };
    const started = Date.now();
    const results = await Promise.all([
      politeness.schedule("http://a.test/1", { spacingMs: 40 }, task("a1")),
      politeness.schedule("http://a.test/2", { spacingMs: 40 }, task("a2")),
      politeness.schedule("http://b.test/1", { spacingMs: 40 }, task("b1")),
    ]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    const startOf = (name: string) =>
      Number(events.find((e) => e.startsWith(`start ${name} `))!.split(" ")[2]);
    expect(startOf("a2") - startOf("a1")).toBeGreaterThanOrEqual(40);
    expect(startOf("b1") - started).toBeLessThan(30);
    expect(maxInFlight).toBe(2);
  });

  it("keeps away from a host that answered 429 for its Retry-After", async () => {
    const politeness = createLocalPoliteness();
    await politeness.schedule("http://c.test/", { spacingMs: 0 }, async () => ({
      ok: false,
      status: 429,
      retryAfterMs: 60,
    }));
    const before = Date.now();
    await politeness.schedule("http://c.test/again", { spacingMs: 0 }, async () => "ok");
    expect(Date.now() - before).toBeGreaterThanOrEqual(55);
  });
});
