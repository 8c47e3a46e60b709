import { describe, expect, it } from "vitest";
import { buildDigestMessage } from "../build-message.ts";
import { DIGEST_PREVIEW, type DigestChange, renderDigest } from "./digest.ts";

const hostile: DigestChange = {
  id: 9,
  kind: "target-added",
  track: "green-low-carbon",
  key: "green-low-carbon/pv-capacity",
  metric: "光伏装机<script>",
  before: null,
  after: { comparator: ">=", value: 300, unit: "MW", year: 2025 },
  sentence: '"><img src=x onerror=alert(1)> 新增光伏装机300兆瓦。',
  document: { id: 7, title: "<script>alert('t')</script>方案", url: "javascript:alert(1)" },
};

describe("renderDigest", () => {
  it("summarizes the subject and shows before → after in Chinese units", () => {
    const mail = renderDigest(DIGEST_PREVIEW);
    expect(mail.subject).toBe("元宇宙: 2 项目标调整, 1 条新政策");
    expect(mail.text).toContain("产业规模: 到2025年不少于3500亿元 → 到2025年不少于4000亿元");
    expect(mail.text).toContain("到2025年，元宇宙相关产业规模达到4000亿元。");
    expect(mail.html).toContain("3500亿元");
    expect(mail.html).toContain('href="http://localhost:3000/documents/101"');
    expect(mail.html).toContain('href="https://www.shanghai.gov.cn/nw12344/20220708/metaverse.html"');
    expect(mail.html).toContain("http://localhost:3000/unsubscribe/preview-unsubscribe-token");
    expect(mail.html).not.toMatch(/<img|<style/);
  });

  it("speaks English with English units", () => {
    const mail = renderDigest({ ...DIGEST_PREVIEW, locale: "en" });
    expect(mail.subject).toBe("Metaverse: 2 targets changed, 1 new rule");
    expect(mail.text).toContain(
      "industry scale: at least ¥350 billion by 2025 → at least ¥400 billion by 2025",
    );
    expect(mail.text).toContain("Unsubscribe: http://localhost:3000/unsubscribe/preview-unsubscribe-token");
  });

  it("groups by track then document, and escapes every crawled string", () => {
    const mail = renderDigest({ ...DIGEST_PREVIEW, changes: [...DIGEST_PREVIEW.changes, hostile] });
    expect(mail.subject).toBe("元宇宙、绿色低碳: 2 项目标调整, 1 项新目标, 1 条新政策");
    expect(mail.text.indexOf("## 元宇宙")).toBeLessThan(mail.text.indexOf("## 绿色低碳"));
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("javascript:");
    expect(mail.html).toContain("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;方案");
  });

  it("refuses to render a digest with nothing to say", () => {
    expect(() => renderDigest({ ...DIGEST_PREVIEW, changes: [] })).toThrow(/nothing to say/);
  });
});

describe("buildDigestMessage", () => {
  it("adds RFC 2369/8058 unsubscribe headers and keeps the given Message-ID", () => {
    const message = buildDigestMessage(
      { from: "Trackwatch <news@example.org>", to: "reader@example.org", messageId: "<d1@example.org>" },
      DIGEST_PREVIEW,
    );
    expect(message.messageId).toBe("<d1@example.org>");
    expect(message.headers).toMatchObject({
      "List-Unsubscribe": `<${DIGEST_PREVIEW.unsubscribeUrl}>, <mailto:news@example.org?subject=unsubscribe>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
