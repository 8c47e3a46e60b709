// Revision wording: （2023年修订）, (修订版), 修订稿, 修正, 调整后的, and 关于调整… in a notice title.
const BRACKETED_REVISION = /[(（[［【]\s*(?:\d{4}\s*年\s*)?(?:修订|修正|调整|修改)(?:版|稿)?\s*[)）\]］】]/g;
const REVISION_WORDS = /(?:\d{4}\s*年\s*)?(?:修订|修正|修改|调整)(?:版|稿|后的|后)?/g;

/** Whether a title says it is a revision (修订/（2023年修订）/调整…). */
export function hasRevisionWording(title: string | null | undefined): boolean {
  if (!title) return false;
  return /修订|修正|修改|调整/.test(title);
}

/**
 * The title without revision wording, brackets, quotes and spacing, so that
 * 《上海市促进元宇宙产业发展行动方案（2023年修订）》 and 《上海市促进元宇宙产业发展行动方案》 compare equal.
 */
export function revisionTitleStem(title: string | null | undefined): string {
  if (!title) return "";
  return title
    .normalize("NFKC")
    .replace(BRACKETED_REVISION, "")
    .replace(REVISION_WORDS, "")
    .replace(/[《》〈〉“”"'‘’「」『』\s·•、，,。.:：()（）[\]［］【】-]/g, "")
    .replace(/^关于/, "")
    .replace(/的$/, "");
}
