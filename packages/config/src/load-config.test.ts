import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.ts";

describe("loadConfig", () => {
  it("applies the embedded defaults to an empty environment", () => {
    const config = loadConfig({});
    expect(config.DATA_DIR).toBe("./data");
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(config.TZ).toBe("Asia/Shanghai");
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SMTP_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable and what it expects when a value is bad", () => {
    expect(() => loadConfig({ DATABASE_URL: "not-a-url" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "not-a-url" })).toThrow(
      /DATABASE_URL: expected a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ TZ: "Mars/Olympus" })).toThrow(/TZ: expected an IANA time zone/);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
  });

  it("coerces numbers", () => {
    expect(loadConfig({ PORT: "8080" }).PORT).toBe(8080);
  });
});
