import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { parseDate } from "./parse-date.ts";

export interface ListLinkItem {
  /** The href as written on the page. */
  href: string;
  /** Resolved against the base URL when one is given, else the href. */
  url: string;
  title: string;
  date: string | null;
}

export interface Pagination {
  kind: "links" | "script" | "none";
  current: number | null;
  total: number | null;
  nextHref: string | null;
  lastHref?: string | null;
  pageHrefs?: string[];
  selectorNext?: string | null;
}

export interface ListPage {
  /** The element holding the items. */
  list: AnyNode;
  columnName: string | null;
  links: ListLinkItem[];
  pagination: Pagination;
}

const MIN_ITEMS = 3;
const MIN_TITLE = 6;

function resolve(href: string, base: string | undefined): string {
  if (!base) return href;
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

function clean(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}

/** The item list with the most dated links to announcements (li > a + date, tr > td > a …). */
function findLinkList(
  $: CheerioAPI,
  base: string | undefined,
): { list: Element; links: ListLinkItem[] } | null {
  let best: { list: Element; links: ListLinkItem[] } | null = null;
  $("ul, ol, table, tbody, dl, div").each((_, list) => {
    const items = $(list).children("li, tr, dd, div, p");
    if (items.length < MIN_ITEMS) return;
    const links: ListLinkItem[] = [];
    items.each((_, item) => {
      const anchors = $(item).find("a[href]");
      if (anchors.length === 0 || anchors.length > 3) return;
      const a = anchors
        .toArray()
        .map((el) => $(el))
        .sort(
          (x, y) => clean(y.attr("title") ?? y.text()).length - clean(x.attr("title") ?? x.text()).length,
        )[0]!;
      const href = a.attr("href")!.trim();
      if (!href || href.startsWith("javascript:") || href.startsWith("#")) return;
      const title = clean(a.attr("title") || a.text());
      if (title.length < MIN_TITLE) return;
      const date = parseDate(clean($(item).text()));
      links.push({ href, url: resolve(href, base), title, date });
    });
    const dated = links.filter((l) => l.date).length;
    if (dated < MIN_ITEMS || dated < links.length / 2) return;
    if (!best || links.length > best.links.length) best = { list: list as Element, links };
  });
  return best;
}

function columnName($: CheerioAPI, list: Element): string | null {
  let node: AnyNode | null = list;
  for (let depth = 0; depth < 4 && node; depth++) {
    const parent: AnyNode | null = node.parent;
    if (!parent) break;
    const heading = $(parent)
      .find("h1, h2, h3, h4, [class*=title i], [class*=head i]")
      .filter((_, el) => !$(el).closest("nav, header, footer, [class*=nav], [class*=side]").length)
      .filter((_, el) => !$(el).find("a[href]").length || $(el).text().length < 20)
      .first();
    const text = clean(
      heading.children().length && heading.find("h1,h2,h3,h4").length
        ? heading.find("h1,h2,h3,h4").first().text()
        : heading.text(),
    );
    if (text && text.length <= 30) return text;
    node = parent;
  }
  return null;
}

function findPagination($: CheerioAPI): Pagination {
  const next = $("a, span, div, li, button")
    .filter(
      (_, el) => /^(下一页|下页|next|›|»|>)$/i.test(clean($(el).text())) && $(el).children().length === 0,
    )
    .first();
  if (!next.length) return { kind: "none", current: null, total: null, nextHref: null };
  const container = next.parent();
  const text = clean(container.text());
  const total = /共\s*(\d+)\s*页/.exec(text) ?? /of\s+(\d+)\s+pages?/i.exec(text);
  const current =
    /第\s*(\d+)\s*页/.exec(text)?.[1] ??
    clean(container.find(".current, .cur, .on, .active, [class*=current]").first().text()).match(
      /^\d+$/,
    )?.[0] ??
    null;
  const href = next.attr("href");
  if (next.is("a") && href && !href.startsWith("javascript:") && href !== "#") {
    const pageHrefs: string[] = [];
    container.find("a[href]").each((_, a) => {
      const h = $(a).attr("href")!;
      const label = clean($(a).text());
      if ((/^\d+$/.test(label) || /^(首页|first)$/i.test(label)) && !pageHrefs.includes(h)) pageHrefs.push(h);
    });
    const last = container
      .find("a[href]")
      .filter((_, a) => /^(尾页|末页|last|»»)$/i.test(clean($(a).text())))
      .first()
      .attr("href");
    return {
      kind: "links",
      current: current ? Number(current) : null,
      total: total ? Number(total[1]) : null,
      nextHref: href,
      lastHref: last ?? null,
      pageHrefs,
    };
  }
  const el = next[0] as Element;
  const selectorNext = el.attribs.name
    ? `${el.name}[name="${el.attribs.name}"]`
    : el.attribs.id
      ? `#${el.attribs.id}`
      : el.attribs.class
        ? `${el.name}.${el.attribs.class.split(/\s+/)[0]}`
        : null;
  return {
    kind: "script",
    current: current ? Number(current) : null,
    total: total ? Number(total[1]) : null,
    nextHref: null,
    selectorNext,
  };
}

/** List pages: the column name, the dated announcement links and the pager. Null when not a list. */
export function extractListPage($: CheerioAPI, options: { baseUrl?: string } = {}): ListPage | null {
  const found = findLinkList($, options.baseUrl);
  if (!found) return null;
  return {
    list: found.list,
    columnName: columnName($, found.list),
    links: found.links,
    pagination: findPagination($),
  };
}
