import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources, parseSources, SourcesError } from "./load-sources.ts";
import { nextRunAt } from "./next-run-at.ts";

const valid = `
- id: fixture
  name: 测试站
  issuer: 上海市经济和信息化委员会
  list: ["http://127.0.0.1:8080/tzgg/index.html"]
  links: "ul.list li a"
  next: "a.next"
  maxPages: 3
  schedule: "0 */6 * * *"
  allow: ["127.0.0.1"]
`;

describe("sources file", () => {
  it("lists the real Shanghai sources by default", async () => {
    const sources = await loadSources();
    expect(sources.map((s) => s.id)).toEqual(["shanghai-policy-documents", "sheitc-notices"]);
    expect(sources[0]!.list).toEqual(["https://www.shanghai.gov.cn/nw12344/index.html"]);
    expect(sources[1]!.allow).toEqual(["sheitc.sh.gov.cn"]);
    expect(sources.every((s) => s.enabled && s.render === "static")).toBe(true);
  });

  it("applies defaults to a minimal entry", () => {
    const [source] = parseSources(valid, "sources.yaml");
    expect(source).toMatchObject({ id: "fixture", render: "static", enabled: true, maxPages: 3 });
    expect(source!.spacingMs).toBeUndefined();
  });

  it("names the file, the entry and the field of every problem", () => {
    const bad = `${valid}
- id: broken
  name: x
  list: ["ftp://example.com/"]
  schedule: "every hour"
  allow: ["example.com"]
  colour: red
- id: fixture
  name: duplicate
  list: ["https://elsewhere.example/list.html"]
  allow: ["example.com"]
  links: "ul[["
`;
    let error: unknown;
    try {
      parseSources(bad, "/etc/trackwatch/sources.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourcesError);
    const message = (error as Error).message;
    expect(message).toContain("/etc/trackwatch/sources.yaml");
    expect(message).toContain('entry 2 (broken): field "list.0": expected an http(s):// URL');
    expect(message).toMatch(/entry 2 \(broken\): field "schedule": invalid cron "every hour"/);
    expect(message).toContain('entry 2 (broken): unknown field "colour"');
    expect(message).toMatch(/entry 3 \(fixture\): field "links": invalid CSS selector/);
  });

  it("refuses duplicate ids and list pages outside allow", () => {
    expect(() => parseSources(`${valid}${valid}`, "s.yaml")).toThrow(
      /entry 2 \(fixture\): field "id": "fixture" is already used by entry 1/,
    );
    expect(() => parseSources(valid.replace('["127.0.0.1"]', '["example.com"]'), "s.yaml")).toThrow(
      /field "list.0": host of http:\/\/127.0.0.1:8080\/tzgg\/index.html is not in allow/,
    );
  });

  it("reports YAML syntax errors and unreadable files with the path", async () => {
    expect(() => parseSources("- id: [unclosed", "bad.yaml")).toThrow(/^bad.yaml: YAML:/);
    const dir = await mkdtemp(path.join(tmpdir(), "tw-sources-"));
    try {
      await expect(loadSources(path.join(dir, "missing.yaml"))).rejects.toThrow(
        /missing.yaml: cannot read the sources file: ENOENT/,
      );
      const file = path.join(dir, "sources.yaml");
      await writeFile(file, valid);
      expect((await loadSources(file))[0]!.id).toBe("fixture");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("computes the next run in the configured time zone", () => {
    const from = new Date("2026-11-28T13:00:00Z"); // 21:00 in Shanghai
    expect(nextRunAt("0 */6 * * *", { timeZone: "Asia/Shanghai", from }).toISOString()).toBe(
      "2026-11-28T16:00:00.000Z",
    );
    expect(nextRunAt("30 8 * * *", { timeZone: "Asia/Shanghai", from }).toISOString()).toBe(
      "2026-11-29T00:30:00.000Z",
    );
    expect(nextRunAt("30 8 * * *", { timeZone: "UTC", from }).toISOString()).toBe("2026-11-29T08:30:00.000Z");
  });
});
