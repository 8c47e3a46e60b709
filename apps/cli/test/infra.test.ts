import { readdirSync, readFileSync } from "node:fs";
import { envSchema } from "@trackwatch/config";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS } from "../src/commands/index.ts";
import { SHUTDOWN_TIMEOUT_MS } from "../src/commands/start.ts";
import { ROLES } from "../src/start/roles.ts";

// infra/ is a document operators follow; these checks keep it in step with the CLI and the config.
const INFRA = new URL("../../../infra/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, INFRA), "utf8");
const CONFIG_NAMES = new Set(Object.keys(envSchema.shape));
const APP_SERVICES = ["web", "crawler", "notifier"] as const;
// The shutdown bound plus what start-services.ts allows after it (worker grace, closing the rest).
const STOP_SECONDS = SHUTDOWN_TIMEOUT_MS / 1000 + 10;

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
  stop_grace_period?: string;
}
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, ComposeService> };

const argv = (command: ComposeService["command"]) =>
  Array.isArray(command) ? command : (command ?? "").split(/\s+/).filter(Boolean);

/** The `trackwatch ...` part of a command line, checked against the real CLI. */
function trackwatchArgs(words: string[]): string[] {
  const at = words.findIndex((w) => w === "trackwatch" || w.endsWith("/trackwatch"));
  expect(at, `no trackwatch in ${words.join(" ")}`).toBeGreaterThanOrEqual(0);
  const args = words.slice(at + 1);
  expect(COMMANDS.map((c) => c.name)).toContain(args[0]);
  return args;
}

function seconds(duration: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(duration.trim());
  if (!match) throw new Error(`unreadable duration ${duration}`);
  const n = Number(match[1]);
  return match[2] === "ms" ? n / 1000 : match[2] === "m" ? n * 60 : n;
}

describe("infra/compose.yaml", () => {
  it("has PostgreSQL, Redis on infra/redis.conf and a mail catcher", () => {
    const { services } = compose;
    expect(services.postgres?.image).toMatch(/^postgres/);
    expect(services.redis?.image).toMatch(/^redis/);
    expect(argv(services.redis?.command).join(" ")).toContain("redis.conf");
    expect(services.redis?.volumes?.some((v) => v.startsWith("./redis.conf:"))).toBe(true);
    const catcher = Object.values(services).find((s) =>
      /mailpit|mailhog|maildev|smtp4dev/.test(s.image ?? ""),
    );
    expect(catcher).toBeDefined();
    // The apps' SMTP_URL points at that catcher's service name.
    const catcherName = Object.entries(services).find(([, s]) => s === catcher)![0];
    expect(new URL(services.notifier!.environment!.SMTP_URL!).hostname).toBe(catcherName);
  });

  it("runs web, crawler and notifier with replicas, each with `trackwatch start <app>`", () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      expect(service, name).toBeDefined();
      expect(service!.deploy?.replicas, name).toBeGreaterThanOrEqual(1);
      const args = trackwatchArgs(argv(service!.command));
      expect(args.slice(0, 2)).toEqual(["start", name]);
      expect(ROLES).toContain(args[1]);
      expect(seconds(service!.stop_grace_period ?? "10s")).toBeGreaterThan(STOP_SECONDS);
    }
    expect(compose.services.crawler!.deploy!.replicas).toBeGreaterThan(1);
  });

  it("sets only environment variables the config schema knows", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (!argv(service.command).includes("trackwatch")) continue;
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !CONFIG_NAMES.has(key));
      expect(unknown, name).toEqual([]);
      // Every value the schema would refuse fails the container at start; check them here instead.
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, /^\$\{/.test(v) ? "x".repeat(32) : v]),
      );
      expect(envSchema.safeParse(env).success, name).toBe(true);
    }
  });
});

describe("infra/redis.conf", () => {
  it("never evicts keys and keeps an append-only file", () => {
    const settings = new Map(
      read("redis.conf")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => [line.split(/\s+/)[0]!, line.split(/\s+/).slice(1).join(" ")] as const),
    );
    expect(settings.get("maxmemory-policy")).toBe("noeviction");
    expect(settings.get("appendonly")).toBe("yes");
  });
});

describe("infra/env.example", () => {
  it("names only variables of the config schema, and its values parse", () => {
    const entries = read("env.example")
      .split("\n")
      .filter((line) => line.trim() && !line.trim().startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.map(([k]) => k).filter((k) => !CONFIG_NAMES.has(k))).toEqual([]);
    expect(envSchema.safeParse(Object.fromEntries(entries)).success).toBe(true);
  });
});

describe("infra/systemd units", () => {
  const units = readdirSync(new URL("systemd/", INFRA)).filter((f) => f.endsWith(".service"));

  it("cover web, crawler and notifier", () => {
    const started = units.map((file) => {
      const exec = /^ExecStart=(.+)$/m.exec(read(`systemd/${file}`))?.[1] ?? "";
      return trackwatchArgs(exec.split(/\s+/))[1];
    });
    expect(started.sort()).toEqual([...APP_SERVICES].sort());
  });

  it.each(units)(
    "%s starts `trackwatch start <app>`, stops with SIGTERM and waits past the shutdown bound",
    (file) => {
      const text = read(`systemd/${file}`);
      const directive = (key: string) => new RegExp(`^${key}=(.*)$`, "m").exec(text)?.[1]?.trim();
      const args = trackwatchArgs((directive("ExecStart") ?? "").split(/\s+/));
      expect(args[0]).toBe("start");
      expect(ROLES).toContain(args[1]);
      expect(directive("KillSignal")).toBe("SIGTERM");
      expect(seconds(directive("TimeoutStopSec") ?? "0")).toBeGreaterThan(STOP_SECONDS);
      expect(directive("EnvironmentFile")).toBeDefined();
      expect(directive("Restart")).toBe("on-failure");
    },
  );
});
