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
  ["indexNumber", ["索引号", "索引號"]],
  ["issuer", ["发布机构", "發布機構", "发文机关", "發文機關", "发文单位", "制发机关", "发布单位"]],
  ["source", ["信息来源", "資訊來源", "文章来源", "来源", "來源", "Source"]],
  ["docNumber", ["发文字号", "發文字號", "文号", "文號"]],
  ["writtenAt", ["成文日期", "成文时间", "成文時間"]],
  ["publishedAt", ["发布日期", "發布日期", "公开日期", "公開日期", "印发日期"]],
  [
    "publishedTime",
    ["发布时间", "發布時間", "发表时间", "發表時間", "时间", "時間", "日期", "Published", "Posted", "Date"],
  ],
  ["revisedAt", ["更新日期", "修订日期", "修訂日期", "更新时间", "更新時間", "修改日期", "Updated"]],
  ["title", ["标题", "標題", "名称", "名稱", "文件名称"]],
];

const FIELD_OF = new Map<string, LabelledField>();
for (const [field, labels] of LABELS)
  for (const label of labels) FIELD_OF.set(label.replace(/\s/g, ""), field);
// Portals space labels out to align them (索 引 号): allow blanks between the characters.
const ALTERNATION = [...FIELD_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((label) => (/^[A-Za-z]/.test(label) ? label : [...label].join("[ \u3000]*")))
  .join("|");
// A label starts a line or follows a separator, and is followed by a colon or a gap: this keeps
// prose such as "资金来源于…" out.
const LABEL_RE = new RegExp(`(?<=^|[\\s】|｜])(${ALTERNATION})\\s*(?:[：:]|(?=\\s)|$)`, "g");

export type LabelledFields = Partial<Record<LabelledField, string>>;

/**
 * Reads label/value pairs from rendered page lines (tables render as "label value label value").
 * A label whose value is empty or is the next label maps to "" (present but empty).
 */
export function findLabelledFields(lines: readonly string[]): LabelledFields {
  const found: LabelledFields = {};
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.length > 400) continue;
    LABEL_RE.lastIndex = 0;
    const matches = [...line.matchAll(LABEL_RE)];
    // A header row of labels over a row of values (索引号 发布机构 … / 31000… 上海市… …): by column.
    if (matches.length >= 2 && n + 1 < lines.length && line.replace(LABEL_RE, "").trim() === "") {
      const values = lines[n + 1]!.trim().split(/\s+/);
      LABEL_RE.lastIndex = 0;
      if (values.length === matches.length && !LABEL_RE.test(lines[n + 1]!)) {
        matches.forEach((m, i) => {
          const field = FIELD_OF.get(m[1]!.replace(/[ \u3000]/g, ""))!;
          if (found[field] === undefined) found[field] = cleanValue(field, values[i]!);
        });
        n++;
        continue;
      }
    }
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i]!;
      const field = FIELD_OF.get(m[1]!.replace(/[ \u3000]/g, ""))!;
      // First non-empty value wins; an empty cell only records that the label is there.
      if (found[field]) continue;
      const start = m.index! + m[0].length;
      const next = matches[i + 1];
      const end = next ? next.index! : line.length;
      let raw = line.slice(start, Math.max(start, end));
      // <dt>label</dt><dd>value</dd> renders as two lines: the value is the next line.
      if (!raw.trim() && !next && n + 1 < lines.length) {
        const following = lines[n + 1]!;
        LABEL_RE.lastIndex = 0;
        const labelled = LABEL_RE.exec(following);
        if (!labelled || labelled.index > 0) raw = following;
      }
      const value = cleanValue(field, raw);
      if (value || found[field] === undefined) found[field] = value;
    }
  }
  return found;
}

function cleanValue(field: LabelledField, raw: string): string {
  // Keep values such as "2022-07-27 08:15" whole but stop at the next piece of chrome.
  let value = raw
    .trim()
    .split(/\s{2,}|【|\[|\||｜/)[0]!
    .trim();
  // Chinese values end at the first blank; English names ("General Office of …") have blanks inside.
  const latin = /^[A-Za-z]/.test(value) && !/\d{4}/.test(value);
  if (field !== "publishedTime" && field !== "revisedAt" && field !== "title" && !latin)
    value = value.split(/\s/)[0]!;
  return value;
}
