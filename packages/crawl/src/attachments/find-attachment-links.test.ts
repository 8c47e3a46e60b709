import { describe, expect, it } from "vitest";
import { findAttachmentLinks } from "./find-attachment-links.ts";

const BASE = "https://www.sh.gov.cn/nw12344/20220708/abc.html";
const ALLOW = ["www.sh.gov.cn"];

describe("findAttachmentLinks", () => {
  it("finds PDF and DOCX attachments under a 附件 label, resolved, once each", () => {
    const html = `<div id="ivs_content"><p>正文</p></div>
      <div class="fujian">附件：<a href="P1.pdf">行动方案.pdf</a><br><a href="/files/P2.DOCX">实施细则</a>
      <a href="P1.pdf">again</a></div>`;
    expect(findAttachmentLinks(html, BASE, ALLOW)).toEqual([
      { url: "https://www.sh.gov.cn/nw12344/20220708/P1.pdf", name: "行动方案.pdf", kind: "pdf" },
      { url: "https://www.sh.gov.cn/files/P2.DOCX", name: "实施细则", kind: "docx" },
    ]);
  });

  it("ignores other hosts, other file types, unlabelled links and the footer's guide", () => {
    const html = `<div class="fujian">附件：<a href="https://evil.example/x.pdf">x.pdf</a>
      <a href="a.doc">a.doc</a><a href="a.xlsx">a.xlsx</a></div>
      <p><a href="/report.pdf">年度报告</a></p>
      <footer>附件下载 <a href="/guide.pdf">指南.pdf</a></footer>`;
    expect(findAttachmentLinks(html, BASE, ALLOW)).toEqual([]);
  });
});
