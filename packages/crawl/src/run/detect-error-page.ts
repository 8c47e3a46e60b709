// What CMS error and maintenance pages say when they are served with status 200.
const ERROR_WORDING =
  /页面不存在|已被删除|已删除或移动|找不到(该|您要访问的)?页面|访问出错|系统维护|系统繁忙|服务器错误|404 Not Found|Page Not Found|Service Unavailable|Internal Server Error/i;
const MAX_ERROR_PAGE_TEXT = 400;

/**
 * Whether a 200 response is really an error page: error wording in the <title>, or a short main
 * text made of it. A real announcement is long, so a stray "页面不存在" in a footer does not count.
 */
export function detectErrorPage(input: { html: string; mainText: string }): string | null {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(input.html)?.[1]?.trim() ?? "";
  if (ERROR_WORDING.test(title)) return `error page (title "${title.slice(0, 60)}")`;
  const text = input.mainText.trim();
  if (text.length < MAX_ERROR_PAGE_TEXT && ERROR_WORDING.test(text)) {
    return `error page ("${text.replace(/\s+/g, " ").slice(0, 60)}")`;
  }
  return null;
}
