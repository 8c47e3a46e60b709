import { describe, expect, it } from "vitest";
import { diffExtractions } from "../diff/diff-extractions.ts";
import { extractPolicy } from "../extract-policy.ts";
import { keepUnreadAttachmentItems } from "./keep-unread-attachment-items.ts";

const PAGE = "关于印发行动方案的通知\n各区人民政府：现将行动方案印发给你们，请认真贯彻执行。";
const PLAN = "上海市培育元宇宙新赛道行动方案\n到2025年，元宇宙相关产业规模达到3500亿元。";
const URL_PDF = "https://example.gov.cn/plan.pdf";

describe("attachments in extractPolicy", () => {
  it("extracts an attachment's targets with the attachment and a span into its text", () => {
    const result = extractPolicy(PAGE, { attachments: [{ url: URL_PDF, name: "方案.pdf", text: PLAN }] });
    const target = result.targets.find((t) => t.key === "metaverse/industry-scale");
    expect(target).toMatchObject({ value: 350_000_000_000, year: 2025, attachment: URL_PDF });
    expect(PLAN.slice(target!.span[0], target!.span[1])).toBe(target!.text);
    expect(result.tracks).toContain("metaverse");
  });

  it("warns about a text-less attachment", () => {
    const result = extractPolicy(PAGE, { attachments: [{ url: URL_PDF, name: "方案.pdf", text: "" }] });
    expect(result.warnings).toContain("attachment 方案.pdf has no text layer");
    const unfetched = extractPolicy(PAGE, {
      attachments: [
        {
          url: URL_PDF,
          name: "方案.pdf",
          text: "",
          warning: "attachment 方案.pdf could not be fetched: HTTP 503",
        },
      ],
    });
    expect(unfetched.warnings).toContain("attachment 方案.pdf could not be fetched: HTTP 503");
  });

  it("keeps the previous attachment's items when it has no text now: no removal", () => {
    const before = extractPolicy(PAGE, { attachments: [{ url: URL_PDF, name: "方案.pdf", text: PLAN }] });
    const scanned = extractPolicy(PAGE, { attachments: [{ url: URL_PDF, name: "方案.pdf", text: "" }] });
    expect(diffExtractions(before, scanned).some((e) => e.kind === "target-removed")).toBe(true);
    const kept = keepUnreadAttachmentItems(before, scanned, [URL_PDF]);
    expect(diffExtractions(before, kept)).toEqual([]);
    expect(kept.targets.map((t) => t.key)).toContain("metaverse/industry-scale");
  });
});
