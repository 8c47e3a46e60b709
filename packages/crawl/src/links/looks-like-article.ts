// Official CMSs put articles under a date folder (/20220708/), a t20220708_ prefix, or a long hex /
// numeric id; section indexes (index.html, index_2.html) are lists, not articles.
const ARTICLE_PATH = /\/(19|20)\d{6}\/|\/t(19|20)\d{6}_|\/[0-9a-f]{16,}\.(s?html?|txt)$|\/\d{5,}\.s?html?$/i;
const INDEX_PATH = /\/(index|default)(_\d+)?\.s?html?$|\/$/i;

/** The default link filter when a source gives no selector: paths shaped like announcements. */
export function looksLikeArticle(url: URL): boolean {
  return ARTICLE_PATH.test(url.pathname) && !INDEX_PATH.test(url.pathname);
}
