import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_DOCUMENT_IDS } from "./seed-documents.ts";
import { type FixtureSite, startFixtureSite } from "./start-fixture-site.ts";

let site: FixtureSite;

beforeAll(async () => {
  site = await startFixtureSite({ documents: 50 });
});
afterAll(async () => {
  await site.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: "manual" });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body, text: body.toString("utf8") };
}

describe("fixture site", () => {
  it("serves the commission list with index_N pagination and the municipal list with a script-only pager", async () => {
    const commission = await get(site.urls.commissionList);
    expect(commission.text).toMatch(
      /<ul class="list">\s*<li><span class="time">\d{4}-\d\d-\d\d<\/span><a href="\/tzgg\//,
    );
    expect(commission.text).toContain('<a href="index_2.html" class="next">下一页</a>');
    const municipal = await get(site.urls.municipalList);
    expect(municipal.text).toContain('<ul class="tadaty-list uli14 nowrapli list-date">');
    expect(municipal.text).toMatch(/<div name="whj_nextPage" class="page-btn">下一页<\/div>/);
    const script = await get(site.urls.scriptList);
    expect(script.text).not.toMatch(/<li><a href="\/nw12344\/\d{8}\//);
  });

  it("serves GBK pages as real GBK bytes with a matching charset", async () => {
    const { res, body } = await get(site.documentUrl(SEED_DOCUMENT_IDS.digitalEconomyPlan));
    expect(res.headers.get("content-type")).toBe("text/html; charset=GBK");
    expect(body.toString("utf8")).not.toContain("数字经济");
    const decoded = iconv.decode(body, "gbk");
    expect(decoded).toContain('<meta charset="gbk">');
    expect(decoded).toContain("到2025年，全市数字经济相关产业规模达到30000亿元");
  });

  it("answers conditional requests with 304, and never when validators are off", async () => {
    const url = site.documentUrl(SEED_DOCUMENT_IDS.metaversePlan);
    const first = await get(url);
    const etag = first.res.headers.get("etag")!;
    const lastModified = first.res.headers.get("last-modified")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await get(url, { "If-None-Match": etag })).res.status).toBe(304);
    expect((await get(url, { "If-Modified-Since": lastModified })).res.status).toBe(304);
    site.setValidators(false);
    const plain = await get(url, { "If-None-Match": etag });
    site.setValidators(true);
    expect(plain.res.status).toBe(200);
    expect(plain.res.headers.get("etag")).toBeNull();
    expect(plain.text).toBe(first.text);
  });

  it("gzips when asked", async () => {
    const res = await fetch(site.urls.commissionList, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });

  it("changes only the footer with the dynamic-footer fault", async () => {
    const url = site.documentUrl(SEED_DOCUMENT_IDS.greenPlan);
    site.setFault("detail:*", { kind: "dynamic-footer" });
    const a = await get(url);
    const b = await get(url);
    site.setFault("detail:*", null);
    expect(a.text).not.toBe(b.text);
    expect(a.res.headers.get("etag")).not.toBe(b.res.headers.get("etag"));
    const content = (html: string) =>
      html.slice(html.indexOf('<div id="ivs_content"'), html.indexOf('<div class="gov-footer">'));
    expect(content(a.text)).toBe(content(b.text));
  });

  it("publishes a revision in place and as a new URL", async () => {
    const id = SEED_DOCUMENT_IDS.metaverseRepost;
    const url = site.documentUrl(id);
    const before = await get(url);
    expect(before.text).toContain("产业规模达到3500亿元");
    expect(before.text).toContain("百亿级");
    site.publishRevision(id);
    const after = await get(url, { "If-None-Match": before.res.headers.get("etag")! });
    expect(after.res.status).toBe(200);
    expect(after.text).toContain("产业规模达到4000亿元");
    expect(after.text).toContain("到2026年，元宇宙示范应用场景数量超过50个");
    expect(after.text).toContain("给予最高500万元奖励");
    expect(after.text).not.toContain("百亿级");
    expect(after.text).toMatch(/更新日期/);
    const revised = site.publishRevisionAsNewUrl(SEED_DOCUMENT_IDS.metaversePlan, { year: 2023 });
    expect(revised.title).toBe("上海市培育“元宇宙”新赛道行动方案（2022—2025年）（2023年修订）");
    const list = await get(site.urls.municipalList);
    expect(list.text.indexOf(revised.path)).toBeGreaterThan(0);
    expect(list.text.indexOf(revised.path)).toBeLessThan(
      list.text.indexOf(site.document(SEED_DOCUMENT_IDS.metaversePlan).path),
    );
    expect(site.document(SEED_DOCUMENT_IDS.metaverseRepost).docNumber).toBe(
      site.document(SEED_DOCUMENT_IDS.metaversePlan).docNumber,
    );
  });

  it("switches faults per path for a number of responses and counts requests", async () => {
    const path = site.document(SEED_DOCUMENT_IDS.greenPlan).path;
    site.resetCounters();
    site.setFault(path, { kind: "status", status: 500 }, { times: 1 });
    expect((await get(site.url(path))).res.status).toBe(500);
    expect((await get(site.url(path))).res.status).toBe(200);
    expect(site.requestCount(path)).toBe(2);
    site.setFault(path, { kind: "gone", status: 410 });
    expect((await get(site.url(path))).res.status).toBe(410);
    site.setFault(path, { kind: "error-page" });
    const error = await get(site.url(path));
    expect(error.res.status).toBe(200);
    expect(error.text).toContain("页面不存在");
    site.setFault(path, { kind: "redirect-loop" });
    const loop = await get(site.url(path));
    expect(loop.res.status).toBe(302);
    expect(loop.res.headers.get("location")).toBe(`${path}?hop=1`);
    site.setFault(path, { kind: "redirect", location: `${site.otherOrigin}${path}` });
    expect((await get(site.url(path))).res.headers.get("location")).toContain("http://localhost:");
    site.setFault(path, null);
  });

  it("serves invalid UTF-8 and a page in the other charset than its labels say", async () => {
    const id = SEED_DOCUMENT_IDS.greenPlan;
    const path = site.document(id).path;
    site.setFault(path, { kind: "invalid-utf8" });
    const broken = await get(site.url(path));
    expect(broken.res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(broken.body)).toThrow();
    site.setFault(path, { kind: "mislabelled-charset" });
    const mislabelled = await get(site.url(path));
    expect(mislabelled.res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(iconv.decode(mislabelled.body, "gbk")).toContain(site.document(id).title);
    site.setFault(path, null);
  });

  it("flips between two versions of a revised page", async () => {
    const id = SEED_DOCUMENT_IDS.smartTerminalsPlan;
    site.publishRevision(id);
    site.setFault(site.document(id).path, { kind: "flip" });
    const a = iconv.decode((await get(site.documentUrl(id))).body, "gbk");
    const b = iconv.decode((await get(site.documentUrl(id))).body, "gbk");
    site.setFault(site.document(id).path, null);
    expect([a.includes("7500亿元"), b.includes("7500亿元")].sort()).toEqual([false, true]);
  });

  it("serves a gzip bomb and an oversized page", async () => {
    const path = site.document(SEED_DOCUMENT_IDS.greenPlan).path;
    site.setFault(path, { kind: "gzip-bomb", bytes: 4 * 1024 * 1024 }, { times: 1 });
    const res = await fetch(site.url(path), { headers: { "Accept-Encoding": "identity" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(Number(res.headers.get("content-length"))).toBeLessThan(20_000);
    // fetch inflates transparently, so what arrives is the inflated size.
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(4 * 1024 * 1024);
    site.setFault(path, { kind: "huge", bytes: 1_000_000 }, { times: 1 });
    const huge = await get(site.url(path));
    expect(huge.body.length).toBe(1_000_000);
  });

  it("serves plain-text notices and a configurable robots.txt", async () => {
    const text = await get(site.documentUrl(SEED_DOCUMENT_IDS.plainTextNotice));
    expect(text.res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.text).toContain("发文字号：沪经信节〔2023〕88号");
    expect((await get(site.urls.robots)).text).toContain("Disallow: /private/");
    site.setRobotsTxt(503);
    expect((await get(site.urls.robots)).res.status).toBe(503);
    site.setRobotsTxt(null);
    expect((await get(site.urls.robots)).res.status).toBe(404);
  });

  it("generates documents on paginated lists and points sources at itself", async () => {
    const before = site.listDocuments("commission").length;
    site.generate(40);
    expect(site.listDocuments("commission").length).toBe(before + 20);
    const { commission, municipal } = site.sources();
    expect(commission.maxPages).toBe(Math.ceil((before + 20) / 20));
    expect(municipal.list.length).toBe(Math.ceil(site.listDocuments("municipal").length / 20));
    const last = await get(site.url(`/tzgg/index_${commission.maxPages}.html`));
    expect(last.res.status).toBe(200);
    expect(last.text).toContain('<span class="next disabled">下一页</span>');
    expect((await get(site.url(`/tzgg/index_${commission.maxPages + 1}.html`))).res.status).toBe(404);
  });

  it("serves attachments linked from the page with validators", async () => {
    const id = SEED_DOCUMENT_IDS.greenPlan;
    const attachment = site.setAttachment(id, {
      fileName: "行动方案.pdf",
      contentType: "application/pdf",
      body: Buffer.from("%PDF-1.4 fixture"),
    });
    const page = await get(site.documentUrl(id));
    expect(page.text).toContain(
      `<div class="fujian">附件：<a href="${attachment.path}">行动方案.pdf</a></div>`,
    );
    const file = await get(site.url(attachment.path));
    expect(file.res.headers.get("content-type")).toBe("application/pdf");
    expect(file.body.toString()).toBe("%PDF-1.4 fixture");
    const again = await get(site.url(attachment.path), { "If-None-Match": file.res.headers.get("etag")! });
    expect(again.res.status).toBe(304);
  });

  it("withdraws a document from its list and its URL", async () => {
    const doc = site.removeDocument(SEED_DOCUMENT_IDS.investmentMeasures);
    expect((await get(site.url(doc.path))).res.status).toBe(410);
    expect((await get(site.urls.commissionList)).text).not.toContain(doc.path);
  });

  it("switches list pages to a redesigned layout and back", async () => {
    site.setLayout("redesigned");
    const redesigned = await get(site.urls.commissionList);
    site.setLayout("normal");
    expect(redesigned.text).not.toContain('<ul class="list">');
    expect(redesigned.text).toContain('<dl class="news-list">');
    expect((await get(site.urls.commissionList)).text).toContain('<ul class="list">');
  });
});

describe("a benchmark-sized site", () => {
  it("puts every generated document on one site when asked", async () => {
    const big = await startFixtureSite({ seed: false, documents: 100, documentsSite: "commission" });
    try {
      expect(big.listDocuments("commission")).toHaveLength(100);
      expect(big.listDocuments("municipal")).toHaveLength(0);
      expect(big.sources().commission.maxPages).toBe(5);
    } finally {
      await big.close();
    }
  });
});
