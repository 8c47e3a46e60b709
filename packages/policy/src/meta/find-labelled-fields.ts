/** The metadata fields government pages print as "label：value" rows, tables or lists. */
export type LabelledField =
  | "indexNumber"
  | "issuer"
  | "source"
  | "docNumber"
  | "writtenAt"
  | "publishedAt"
  | "publishedTime"
  | "revisedAt"
  | "title";

const LABELS: Array<[LabelledField, string[]]> = [
  ["indexNumber", ["索引号", "索 引 号"]],
  ["issuer", ["发布机构", "发文机关", "发文单位", "制发机关", "发布单位"]],
  ["source", ["信息来源", "文章来源", "来源", "Source"]],
  ["docNumber", ["发文字号", "文号"]],
  ["writtenAt", ["成文日期", "成文时间"]],
  ["publishedAt", ["发布日期", "公开日期", "印发日期"]],
  ["publishedTime", ["发布时间", "发表时间", "时间", "日期", "Published", "Posted", "Date"]],
  ["revisedAt", ["更新日期", "修订日期", "更新时间", "修改日期", "Updated"]],
  ["title", ["标题", "名称", "文件名称"]],
];

const FIELD_OF = new Map<string, LabelledField>();
for (const [field, labels] of LABELS)
  for (const label of labels) FIELD_OF.set(label.replace(/\s/g, ""), field);
const ALTERNATION = [...FIELD_OF.keys()].sort((a, b) => b.length - a.length).join("|");
// A label starts a line or follows a separator, and is followed by a colon or a gap: this keeps
// prose such as "资金来源于…" out.
const LABEL_RE = new RegExp(`(?:^|[\\s】|｜])(${ALTERNATION})\\s*(?:[：:]\\s*|\\s+)`, "g");

export type LabelledFields = Partial<Record<LabelledField, string>>;

/**
 * Reads label/value pairs from rendered page lines (tables render as "label value label value").
 * A label whose value is empty or is the next label maps to "" (present but empty).
 */
export function findLabelledFields(lines: readonly string[]): LabelledFields {
  const found: LabelledFields = {};
  for (const line of lines) {
    if (line.length > 400) continue;
    LABEL_RE.lastIndex = 0;
    const matches = [...line.matchAll(LABEL_RE)];
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i]!;
      const field = FIELD_OF.get(m[1]!)!;
      if (found[field] !== undefined) continue;
      const start = m.index! + m[0].length;
      const next = matches[i + 1];
      const end = next ? next.index! : line.length;
      let value = line.slice(start, Math.max(start, end)).trim();
      // Keep values such as "2022-07-27 08:15" whole but stop at the next piece of chrome.
      value = value.split(/\s{2,}|【|\[|\||｜/)[0]!.trim();
      if (field !== "publishedTime" && field !== "revisedAt" && field !== "title")
        value = value.split(/\s/)[0]!;
      found[field] = value;
    }
  }
  return found;
}
