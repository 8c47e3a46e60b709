import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { extractMainText } from "./extract-main-text.ts";

const PAGE = `<html><head><title>t</title><style>p{color:red}</style></head><body>
<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">政务服务</a></div>
<div class="sidebar"><ul><li><a href="/n/1">关于2025年度项目申报的通知</a></li><li><a href="/n/2">全市新增5G基站1.2万个</a></li></ul></div>
<div class="wrap"><div class="body-x">
<h3>一、发展目标</h3>
<p>　　到2025年，产业规模达到3500亿元，培育10家龙头企业。</p>
<p>第二段<br>换行后的文字，继续说明有关情况。</p>
<script>var x = 12345;</script>
</div></div>
<div class="footer">电话：021-12345678 版权所有</div>
</body></html>`;

describe("extractMainText", () => {
  it("keeps the body's blocks as lines and drops chrome, scripts and indentation", () => {
    const { text, blocks, warnings } = extractMainText(PAGE);
    expect(text).toBe(
      "一、发展目标\n到2025年，产业规模达到3500亿元，培育10家龙头企业。\n第二段\n换行后的文字，继续说明有关情况。",
    );
    expect(blocks[0]).toEqual({ start: 0, end: 6, heading: true });
    for (const b of blocks) expect(text.slice(b.start, b.end)).not.toContain("\n");
    expect(warnings).toEqual([]);
  });

  it("accepts an already loaded cheerio $", () => {
    expect(extractMainText(load(PAGE)).text).toBe(extractMainText(PAGE).text);
  });

  it("passes plain text through, line by line", () => {
    const { text, $, blocks } = extractMainText("标题\r\n\r\n　　到2025年，规模达到100亿元。\n");
    expect($).toBeNull();
    expect(text).toBe("标题\n到2025年，规模达到100亿元。");
    expect(blocks).toHaveLength(2);
  });

  it("finds a body inside layout tables", () => {
    const html = `<html><body><table><tr><td class="menu"><a href="/1">栏目一</a><br><a href="/2">栏目二</a></td>
      <td><table><tr><td>正文第一句，说明背景。<br>正文第二句，提出目标：到2025年达到100亿元。</td></tr></table></td></tr></table></body></html>`;
    expect(extractMainText(html).text).toBe(
      "正文第一句，说明背景。\n正文第二句，提出目标：到2025年达到100亿元。",
    );
  });

  it("returns what it can with a warning for a page without prose", () => {
    const result = extractMainText("<html><body><div><a href='/'>首页</a></div></body></html>");
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.text).toBe("首页");
  });
});
