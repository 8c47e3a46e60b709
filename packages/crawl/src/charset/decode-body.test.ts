import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "./decode-body.ts";

const ZH = "到2025年，元宇宙相关产业规模达到3500亿元，培育10家具有国际竞争力的创新型头部企业。";
const ZH_TRADITIONAL = "到2025年，元宇宙相關產業規模達到3500億元，培育10家具有國際競爭力的創新型頭部企業。";
// 镕 and 堃 are in GBK but not in GB2312: real "gb2312" pages contain them.
const GBK_ONLY = "朱镕基与王堃出席会议。";

const page = (body: string, head = "") =>
  `<html><head>${head}<title>通知</title></head><body><p>${body}</p></body></html>`;
const encode = (text: string, charset: string) => new Uint8Array(iconv.encode(text, charset));

describe("decodeBody", () => {
  it("decodes GBK bytes declared in the Content-Type header", () => {
    const result = decodeBody(encode(page(ZH), "gbk"), "text/html; charset=GBK");
    expect(result).toMatchObject({ charset: "gb18030", source: "header", warnings: [] });
    expect(result.text).toContain(ZH);
  });

  it("decodes a gb2312 label as the gb18030 superset, like browsers, so GBK-only characters survive", () => {
    const result = decodeBody(encode(page(GBK_ONLY), "gbk"), "text/html; charset=gb2312");
    expect(result.charset).toBe("gb18030");
    expect(result.text).toContain(GBK_ONLY);
    expect(result.warnings).toEqual([]);
  });

  it("decodes Big5 bytes declared by <meta charset>", () => {
    const result = decodeBody(encode(page(ZH_TRADITIONAL, '<meta charset="big5">'), "big5"), "text/html");
    expect(result).toMatchObject({ charset: "big5", source: "meta", warnings: [] });
    expect(result.text).toContain(ZH_TRADITIONAL);
  });

  it("reads the http-equiv form and skips a charset inside a comment", () => {
    const head =
      '<!-- <meta charset="utf-8"> --><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />';
    const result = decodeBody(encode(page(ZH, head), "gbk"), null);
    expect(result).toMatchObject({ charset: "gb18030", source: "meta" });
    expect(result.text).toContain(ZH);
  });

  it("finds a <meta> after a long head (beyond 1024 bytes, within 4096)", () => {
    const head = `<script>/*${"x".repeat(2000)}*/</script><meta charset="gbk">`;
    const result = decodeBody(encode(page(ZH, head), "gbk"));
    expect(result).toMatchObject({ charset: "gb18030", source: "meta" });
  });

  it("lets a BOM win over the header and strips it from the text", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(page(ZH))]);
    const result = decodeBody(bytes, "text/html; charset=gbk");
    expect(result).toMatchObject({ charset: "utf-8", source: "bom" });
    expect(result.text.startsWith("<html>")).toBe(true);
    expect(result.warnings.join()).toMatch(/BOM/);
  });

  it("decodes UTF-16LE with a BOM", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(page(ZH), "utf-16le")]);
    const result = decodeBody(bytes, "text/html");
    expect(result).toMatchObject({ charset: "utf-16le", source: "bom" });
    expect(result.text).toContain(ZH);
  });

  it("detects GBK when nothing is declared", () => {
    const result = decodeBody(encode(page(ZH), "gbk"), "text/html");
    expect(result).toMatchObject({ charset: "gb18030", source: "detected" });
    expect(result.text).toContain(ZH);
  });

  it("detects Big5 when nothing is declared", () => {
    const result = decodeBody(encode(page(ZH_TRADITIONAL), "big5"), "text/html");
    expect(result).toMatchObject({ charset: "big5", source: "detected" });
    expect(result.text).toContain(ZH_TRADITIONAL);
  });

  it("recognises undeclared UTF-8 and reports plain ASCII as the default", () => {
    expect(decodeBody(new TextEncoder().encode(page(ZH)))).toMatchObject({
      charset: "utf-8",
      source: "detected",
    });
    expect(decodeBody(new TextEncoder().encode("<p>hello</p>"))).toMatchObject({
      charset: "utf-8",
      source: "default",
      text: "<p>hello</p>",
    });
  });

  it("declared utf-8 over GBK bytes: warns and decodes by the <meta> that fits", () => {
    const bytes = encode(page(ZH, '<meta charset="gb2312">'), "gbk");
    const result = decodeBody(bytes, "text/html; charset=utf-8");
    expect(result).toMatchObject({ charset: "gb18030", source: "meta" });
    expect(result.text).toContain(ZH);
    expect(result.warnings.join("\n")).toMatch(
      /Content-Type declares utf-8 but \d+ byte sequences are invalid/,
    );
  });

  it("declared utf-8 over GBK bytes with no other hint: warns and detects", () => {
    const result = decodeBody(encode(page(ZH), "gbk"), "text/html; charset=utf-8");
    expect(result).toMatchObject({ charset: "gb18030", source: "detected" });
    expect(result.text).toContain(ZH);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("declared GBK over UTF-8 bytes: warns and decodes as UTF-8", () => {
    const result = decodeBody(new TextEncoder().encode(page(ZH)), "text/html; charset=gbk");
    expect(result).toMatchObject({ charset: "utf-8", source: "detected" });
    expect(result.text).toContain(ZH);
    expect(result.warnings.join()).toMatch(/valid UTF-8/);
  });

  it("a Latin-1 header over a GBK page with a GBK <meta> uses the <meta>", () => {
    const result = decodeBody(
      encode(page(ZH, '<meta charset="gbk">'), "gbk"),
      "text/html; charset=iso-8859-1",
    );
    expect(result).toMatchObject({ charset: "gb18030", source: "meta" });
    expect(result.text).toContain(ZH);
    expect(result.warnings.length).toBe(1);
  });

  it("invalid UTF-8 that fits nothing: keeps the text, replaces the bad bytes and says how many", () => {
    const good = new TextEncoder().encode(page(ZH));
    const bytes = new Uint8Array([...good.subarray(0, 60), 0xff, 0xfe, 0xc0, ...good.subarray(60)]);
    const result = decodeBody(bytes, "text/html; charset=utf-8");
    expect(result.text).toContain("元宇宙相关产业规模");
    expect(result.warnings.join("\n")).toMatch(/invalid/);
  });

  it("ignores an unknown label with a warning", () => {
    const result = decodeBody(encode(page(ZH), "gbk"), "text/html; charset=x-made-up");
    expect(result.charset).toBe("gb18030");
    expect(result.warnings[0]).toMatch(/unknown charset "x-made-up"/);
  });

  it("does not sniff <meta> in text/plain", () => {
    const bytes = new TextEncoder().encode('例: <meta charset="big5"> 元宇宙');
    expect(decodeBody(bytes, "text/plain")).toMatchObject({ charset: "utf-8", source: "detected" });
  });
});
