import type { CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { nodeText } from "../html/node-text.ts";
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

/** Text of the first node of a selection, bounded and without recursion. */
function txt(selection: { 0?: unknown; length: number }): string {
  const node = selection[0] as AnyNode | undefined;
  return node ? nodeText(node) : "";
}

function clean(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}

const LIST_TAGS = new Set(["ul", "ol", "table", "tbody", "dl", "div"]);
const ITEM_TAGS = new Set(["li", "tr", "dd", "div", "p"]);
// A list item is small: bounding the walk of each item keeps the whole scan linear.
const ITEM_NODE_LIMIT = 200;

interface ItemScan {
  anchors: Element[];
  text: string;
}

function scanItem(item: Element): ItemScan | null {
  const anchors: Element[] = [];
  let text = "";
  let visited = 0;
  const stack: AnyNode[] = [item];
  while (stack.length) {
    const node = stack.pop()!;
    if (++visited > ITEM_NODE_LIMIT) return null;
    if (node.type === "text") {
      text += (node as unknown as { data: string }).data;
      continue;
    }
    if (node.type !== "tag") continue;
    const el = node as Element;
    if (el.name === "script" || el.name === "style") continue;
    if (el.name === "a" && el.attribs.href !== undefined) anchors.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return { anchors, text };
}

function anchorText(a: Element): string {
  let text = "";
  const stack: AnyNode[] = [a];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") text += (node as unknown as { data: string }).data;
    else if (node.type === "tag") {
      const children = (node as Element).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return clean(text);
}

function linksOf(list: Element, base: string | undefined): ListLinkItem[] | null {
  const items = list.children.filter(
    (c): c is Element => c.type === "tag" && ITEM_TAGS.has((c as Element).name),
  );
  if (items.length < MIN_ITEMS) return null;
  const links: ListLinkItem[] = [];
  for (const item of items) {
    const scan = scanItem(item);
    if (!scan || scan.anchors.length === 0 || scan.anchors.length > 3) continue;
    let best: { a: Element; title: string } | null = null;
    for (const a of scan.anchors) {
      const title = clean(a.attribs.title || anchorText(a));
      if (!best || title.length > best.title.length) best = { a, title };
    }
    const href = best!.a.attribs.href!.trim();
    if (!href || href.startsWith("javascript:") || href.startsWith("#")) continue;
    if (best!.title.length < MIN_TITLE) continue;
    links.push({ href, url: resolve(href, base), title: best!.title, date: parseDate(clean(scan.text)) });
  }
  return links;
}

/** The item list with the most dated links to announcements (li > a + date, tr > td > a …). */
function findLinkList(
  root: AnyNode,
  base: string | undefined,
): { list: Element; links: ListLinkItem[] } | null {
  let best: { list: Element; links: ListLinkItem[] } | null = null;
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const children = (node as unknown as { children?: AnyNode[] }).children;
    if (!children) continue;
    for (let i = children.length - 1; i >= 0; i--)
      if (children[i]!.type === "tag" || children[i]!.type === "root") stack.push(children[i]!);
    if (node.type !== "tag" || !LIST_TAGS.has((node as Element).name)) continue;
    const links = linksOf(node as Element, base);
    if (!links) continue;
    const dated = links.filter((l) => l.date).length;
    if (dated < MIN_ITEMS || dated < links.length / 2) continue;
    if (!best || links.length > best.links.length) best = { list: node as Element, links };
  }
  return best;
}

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4"]);
const HEADING_ATTR = /title|head/i;
const CHROME_ATTR = /nav|side|menu/i;
const COLUMN_SCAN_LIMIT = 3000;

/** The first heading-like element under `root` (bounded walk), skipping navigation and sidebars. */
function firstHeading(root: AnyNode, skip: AnyNode, tagsOnly: boolean): string | null {
  const stack: AnyNode[] = [root];
  let visited = 0;
  while (stack.length && visited++ < COLUMN_SCAN_LIMIT) {
    const node = stack.pop()!;
    if (node === skip || node.type !== "tag") continue;
    const el = node as Element;
    if (
      ["nav", "header", "footer", "script", "style"].includes(el.name) ||
      CHROME_ATTR.test(el.attribs.class ?? "")
    )
      continue;
    if (HEADING_TAGS.has(el.name) || (!tagsOnly && HEADING_ATTR.test(el.attribs.class ?? ""))) {
      const text = clean(nodeText(el, 200));
      if (text && text.length <= 30) return text;
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return null;
}

/** The column name: a heading in the list's nearest enclosing blocks. */
function columnName(list: Element): string | null {
  let node: AnyNode = list;
  for (let depth = 0; depth < 4; depth++) {
    const parent: AnyNode | null = node.parent;
    if (!parent) break;
    // <h2>通知公告</h2> wins over a "list-head" box that also holds a sort hint.
    const found = firstHeading(parent, list, true) ?? firstHeading(parent, list, false);
    if (found) return found;
    node = parent;
  }
  return null;
}

const NEXT_LABEL = /^(下一页|下页|next|›|»|>)$/i;
const PAGER_TAGS = new Set(["a", "span", "div", "li", "button", "em", "b", "font"]);

/** The "next page" control: a small element whose whole text says so (one walk, no text() per node). */
function findNextControl(root: AnyNode): Element | null {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const children = (node as unknown as { children?: AnyNode[] }).children;
    if (!children) continue;
    if (node.type === "tag" && PAGER_TAGS.has((node as Element).name) && children.length > 0) {
      if (children.every((c) => c.type === "text")) {
        const text = children.map((c) => (c as unknown as { data: string }).data).join("");
        if (text.length < 16 && NEXT_LABEL.test(clean(text))) return node as Element;
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}

function findPagination($: CheerioAPI): Pagination {
  const control = findNextControl($.root()[0] as AnyNode);
  const next = control ? $(control) : $([]);
  if (!next.length) return { kind: "none", current: null, total: null, nextHref: null };
  const container = next.parent();
  const text = clean(txt(container));
  const total = /共\s*(\d+)\s*页/.exec(text) ?? /of\s+(\d+)\s+pages?/i.exec(text);
  const current =
    /第\s*(\d+)\s*页/.exec(text)?.[1] ??
    clean(txt(container.find(".current, .cur, .on, .active, [class*=current]").first())).match(
      /^\d+$/,
    )?.[0] ??
    null;
  const href = next.attr("href");
  if (next.is("a") && href && !href.startsWith("javascript:") && href !== "#") {
    const pageHrefs: string[] = [];
    container.find("a[href]").each((_, a) => {
      const h = $(a).attr("href")!;
      const label = clean(txt($(a)));
      if ((/^\d+$/.test(label) || /^(首页|first)$/i.test(label)) && !pageHrefs.includes(h)) pageHrefs.push(h);
    });
    const last = container
      .find("a[href]")
      .filter((_, a) => /^(尾页|末页|last|»»)$/i.test(clean(txt($(a)))))
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
  const found = findLinkList($.root()[0] as AnyNode, options.baseUrl);
  if (!found) return null;
  return {
    list: found.list,
    columnName: columnName(found.list),
    links: found.links,
    pagination: findPagination($),
  };
}
