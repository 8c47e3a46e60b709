import { describe, expect, it } from "vitest";
import { subscribeInputSchema, subscriberEmailSchema } from "./subscriber-input.ts";

const message = (value: unknown) => {
  const result = subscriberEmailSchema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("subscriberEmailSchema", () => {
  it("accepts a plain address and trims spaces around it", () => {
    expect(subscriberEmailSchema.parse("  Li.Wei+policy@Example.org ")).toBe("Li.Wei+policy@Example.org");
  });

  it("refuses header injection with line breaks", () => {
    expect(message("a@example.org\r\nBcc: victim@example.org")).toMatch(/line breaks/);
    expect(message("a@example.org\nBcc: x@example.org")).toMatch(/line breaks/);
  });

  it("refuses several addresses and display names", () => {
    expect(message("a@example.org, b@example.org")).toBe("enter a single address");
    expect(message("a@example.org;b@example.org")).toBe("enter a single address");
    expect(message("a@b@example.org")).toBe("enter a single address");
    expect(message("Li Wei <li@example.org>")).toMatch(/without a name/);
    expect(message('"x" li@example.org')).toMatch(/without a name/);
  });

  it("refuses addresses that are too long or malformed", () => {
    expect(message(`${"a".repeat(250)}@example.org`)).toMatch(/too long/);
    expect(message(`${"a".repeat(70)}@example.org`)).toMatch(/does not look like/);
    expect(message("nobody")).toMatch(/does not look like/);
    expect(message("a@localhost")).toMatch(/does not look like/);
    expect(message("a..b@example.org")).toMatch(/does not look like/);
    expect(message("")).toBe("enter an email address");
  });
});

describe("subscribeInputSchema", () => {
  it("defaults to every track, daily, in Chinese", () => {
    expect(subscribeInputSchema.parse({ email: "a@example.org" })).toEqual({
      email: "a@example.org",
      tracks: [],
      frequency: "daily",
      locale: "zh",
    });
  });

  it("names the bad field", () => {
    const result = subscribeInputSchema.safeParse({
      email: "a@example.org",
      frequency: "hourly",
      locale: "fr",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      "frequency must be immediate, daily or weekly",
      "language must be zh or en",
    ]);
  });
});
