import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverLinks } from "./discover-links.ts";
import { findNextPage } from "./find-next-page.ts";

let site: FixtureSite;
beforeAll(async () => {
  site = await startFixtureSite({ documents: 60 });
});
afterAll(() => site.close());

const text = async (url: string) => (await fetch(url)).text();

describe("discoverLinks", () => {
  it("finds the municipal list's announcements with the source selector, absolute and in order", async () => {
    const html = await text(site.urls.municipalList);
    const links = discoverLinks({
      html,
      baseUrl: site.urls.municipalList,
      selector: "ul.tadaty-list li a",
      allow: [site.host],
    });
    const expected = site.listDocuments("municipal").slice(0, 20);
    expect(links.map((l) => l.url)).toEqual(expected.map((d) => site.url(d.path)));
    expect(links[0]!.title).toBe(expected[0]!.title);
  });

  it("without a selector keeps only same-site article-looking links (no nav, no index pages)", async () => {
    const html = await text(site.urls.commissionList);
    const withSelector = discoverLinks({
      html,
      baseUrl: site.urls.commissionList,
      selector: "ul.list li a",
      allow: [site.host],
    });
    const heuristic = discoverLinks({ html, baseUrl: site.urls.commissionList, allow: [site.host] });
    expect(heuristic.map((l) => l.url)).toEqual(withSelector.map((l) => l.url));
    expect(heuristic.length).toBe(20);
  });

  it("drops links outside allow, non-http schemes, fragments and duplicates", () => {
    const html = `<ul class="list">
      <li><a href="/tzgg/20220708/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.html#top">a</a></li>
      <li><a href="/tzgg/20220708/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.html">a again</a></li>
      <li><a href="https://evil.example/tzgg/20220708/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.html">elsewhere</a></li>
      <li><a href="//evil.example/x/20220101/1.html">protocol-relative elsewhere</a></li>
      <li><a href="javascript:openPage(3)">js</a></li>
      <li><a href="mailto:office@sh.gov.cn">mail</a></li>
      <li><a href="http://user:pw@sheitc.sh.gov.cn/tzgg/20220101/cccccccccccccccccccccccccccccccc.html">creds</a></li>
      <li><a href="../cyfz/20220527/b909b3fcf5ef4484b8fc20da318d3282.html">relative</a></li>
    </ul>`;
    const links = discoverLinks({
      html,
      baseUrl: "https://sheitc.sh.gov.cn/tzgg/index.html",
      selector: "ul.list li a",
      allow: ["sheitc.sh.gov.cn"],
    });
    expect(links.map((l) => l.url)).toEqual([
      "https://sheitc.sh.gov.cn/tzgg/20220708/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.html",
      "https://sheitc.sh.gov.cn/cyfz/20220527/b909b3fcf5ef4484b8fc20da318d3282.html",
    ]);
  });

  it("does not let a <base> tag move links to another host", () => {
    const html = `<head><base href="https://evil.example/"></head><a href="/tzgg/20220708/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.html">a</a>`;
    const links = discoverLinks({
      html,
      baseUrl: "https://sheitc.sh.gov.cn/tzgg/index.html",
      allow: ["sheitc.sh.gov.cn"],
    });
    expect(links.map((l) => l.url)).toEqual([
      "https://sheitc.sh.gov.cn/tzgg/20220708/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.html",
    ]);
  });
});

describe("findNextPage", () => {
  it("follows 下一页 on the commission list and stops on the last page", async () => {
    const first = await text(site.urls.commissionList);
    expect(
      findNextPage({
        html: first,
        baseUrl: site.urls.commissionList,
        selector: "a.next",
        allow: [site.host],
      }),
    ).toBe(site.url("/tzgg/index_2.html"));
    const lastUrl = site.url("/tzgg/index_2.html");
    const last = await text(lastUrl);
    const pages = Math.ceil(site.listDocuments("commission").length / 20);
    expect(pages).toBe(2);
    expect(findNextPage({ html: last, baseUrl: lastUrl, selector: "a.next", allow: [site.host] })).toBeNull();
  });

  it("yields nothing for the municipal script-only pager and for a next link elsewhere", async () => {
    const html = await text(site.urls.municipalList);
    expect(
      findNextPage({
        html,
        baseUrl: site.urls.municipalList,
        selector: "div[name=whj_nextPage]",
        allow: [site.host],
      }),
    ).toBeNull();
    expect(
      findNextPage({
        html: `<a class="next" href="https://evil.example/index_2.html">下一页</a>`,
        baseUrl: site.urls.commissionList,
        selector: "a.next",
        allow: [site.host],
      }),
    ).toBeNull();
  });
});
