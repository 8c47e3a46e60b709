import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/trackwatch.js", import.meta.url));
const SLOW = { timeout: 60_000 };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function trackwatch(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const PAGE = (
  charsetMeta: string,
) => `<html><head>${charsetMeta}<title>临江市元宇宙产业发展行动方案_临江市人民政府</title></head>
<body><div class="nav"><a href="/">首页</a></div>
<table class="info"><tr><td>发布机构：</td><td>临江市人民政府办公室</td><td>发文字号：</td><td>临府办发〔2024〕3号</td></tr>
<tr><td>发布日期：</td><td>2024年03月08日</td></tr></table>
<h1>临江市元宇宙产业发展行动方案</h1>
<div class="article-content"><p>　　到2026年，全市元宇宙相关产业规模突破1200亿元，培育龙头企业10家。</p>
<p>　　设立规模50亿元的元宇宙产业基金。</p></div></body></html>`;

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "trackwatch-extract-"));
  writeFileSync(
    path.join(dir, "gbk.html"),
    iconv.encode(PAGE('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), "gbk"),
  );
  writeFileSync(
    path.join(dir, "bom.html"),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE(""), "utf8")]),
  );
  writeFileSync(
    path.join(dir, "junk.bin"),
    Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
  );
  server = createServer((req, res) => {
    if (req.url === "/plan.html") {
      res.writeHead(200, { "content-type": "text/html; charset=gbk" });
      res.end(iconv.encode(PAGE(""), "gbk"));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectPlan(stdout: string): void {
  const out = JSON.parse(stdout);
  expect(out.document).toMatchObject({
    title: "临江市元宇宙产业发展行动方案",
    issuer: "临江市人民政府办公室",
    docNumber: "临府办发〔2024〕3号",
    publishedAt: "2024-03-08",
    language: "zh",
  });
  expect(out.tracks).toEqual(["metaverse"]);
  expect(
    out.targets.map((t: { value: number; unit: string; year: number }) => [t.value, t.unit, t.year]),
  ).toEqual([
    [120000000000, "CNY", 2026],
    [10, "count", 2026],
  ]);
  expect(out.targets[0]).toMatchObject({ key: "metaverse/industry-scale", track: "metaverse" });
  expect(out.targets[0].text).toContain("1200亿元");
  expect(out.targets[0].span).toHaveLength(2);
  expect(out.rules).toMatchObject([{ track: "metaverse", kind: "fund", amount: 5000000000 }]);
}

describe("trackwatch extract", () => {
  it("decodes a GB2312-declared file as GBK and prints one JSON object", SLOW, async () => {
    const run = await trackwatch(["extract", path.join(dir, "gbk.html")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectPlan(run.stdout);
  });

  it("reads a UTF-8 file with a BOM and prints its main text with --text", SLOW, async () => {
    const run = await trackwatch(["extract", path.join(dir, "bom.html"), "--text"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "到2026年，全市元宇宙相关产业规模突破1200亿元，培育龙头企业10家。\n设立规模50亿元的元宇宙产业基金。\n",
    );
  });

  it("fetches an http URL and decodes by the Content-Type charset", SLOW, async () => {
    const run = await trackwatch(["extract", `${base}/plan.html`]);
    expect(run.stderr).toBe("");
    expectPlan(run.stdout);
  });

  it(
    "fails with one line on stderr for a missing file, a 404 and bytes that are not text",
    SLOW,
    async () => {
      for (const target of [
        path.join(dir, "missing.html"),
        `${base}/gone.html`,
        path.join(dir, "junk.bin"),
      ]) {
        const run = await trackwatch(["extract", target]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe("");
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
        expect(run.stderr).toMatch(/^trackwatch extract: /);
      }
    },
  );
});
