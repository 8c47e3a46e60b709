import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { createGzip, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import {
  type FixtureAttachment,
  FixtureCatalog,
  type FixtureDocument,
  type FixtureSiteStyle,
} from "./catalog.ts";
import { type FaultScope, FaultTable, type FixtureFault } from "./faults.ts";
import type { PlanContent } from "./plan.ts";
import { renderCommissionDetail, renderCommissionList } from "./render-commission.ts";
import { renderMunicipalDetail, renderMunicipalList, renderMunicipalScriptList } from "./render-municipal.ts";
import {
  type PageChrome,
  renderErrorPage,
  renderPlainText,
  renderRedesignedList,
  STATIC_CHROME,
} from "./render-shared.ts";
import { seedDocuments } from "./seed-documents.ts";

export interface FixtureSiteOptions {
  /** Start with the named seed documents (default true). */
  seed?: boolean;
  /** Generated documents to add at start (benchmarks: 2,000 or 10,000). */
  documents?: number;
  /** Put every generated document on one site (benchmarks); default alternates between both. */
  documentsSite?: FixtureSiteStyle;
  /** Items per list page (default 20, as on both real sites). */
  pageSize?: number;
  /** Send ETag and Last-Modified and answer conditional requests with 304 (default true). */
  validators?: boolean;
  /** gzip responses when the client accepts it (default true). */
  compress?: boolean;
  /** robots.txt body; null answers 404, a number answers that status (default: allow all but /private/). */
  robotsTxt?: string | null | number;
  now?: () => Date;
}

/** A source entry pointing at this site, in the shape of the sources file. */
export interface FixtureSourceDefinition {
  id: string;
  name: string;
  issuer: string;
  list: string[];
  links?: string;
  next?: string;
  maxPages: number;
  render: "static" | "browser";
  schedule: string;
  allow: string[];
  spacingMs: number;
}

export interface FixtureSiteStats {
  requests: number;
  notModified: number;
  bytesSent: number;
}

export interface FixtureSite {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  /** The same server reached by another host name (localhost), i.e. outside an allow list of 127.0.0.1. */
  readonly otherOrigin: string;
  readonly urls: { municipalList: string; commissionList: string; scriptList: string; robots: string };
  url(path: string): string;
  document(id: string): FixtureDocument;
  documentUrl(id: string): string;
  listDocuments(site: FixtureSiteStyle): FixtureDocument[];
  /** Fault for an exact path, "list:*", "detail:*" or "*"; null clears it; `times` limits it to N responses. */
  setFault(scope: FaultScope, fault: FixtureFault | null, options?: { times?: number }): void;
  clearFaults(): void;
  setValidators(enabled: boolean): void;
  setRobotsTxt(robots: string | null | number): void;
  publishRevision(id: string, options?: { at?: Date; plan?: PlanContent }): FixtureDocument;
  publishRevisionAsNewUrl(id: string, options?: { at?: Date; year?: number }): FixtureDocument;
  setAttachment(
    id: string,
    input: { fileName: string; contentType: string; body: Buffer },
  ): FixtureAttachment;
  /** The announcement is withdrawn: gone from its list, its URL answers 410 (or 404). */
  removeDocument(id: string, status?: 404 | 410): FixtureDocument;
  generate(count: number, options?: { seed?: number; site?: FixtureSiteStyle }): FixtureDocument[];
  /** "redesigned" serves list pages in new markup that the sources' selectors no longer match. */
  setLayout(layout: "normal" | "redesigned"): void;
  requestCount(path: string): number;
  readonly requests: ReadonlyMap<string, number>;
  readonly stats: FixtureSiteStats;
  resetCounters(): void;
  sources(): {
    municipal: FixtureSourceDefinition;
    commission: FixtureSourceDefinition;
    script: FixtureSourceDefinition;
  };
  close(): Promise<void>;
}

const DEFAULT_ROBOTS = "User-agent: *\nDisallow: /private/\n";
const MAX_SLOWLORIS_MS = 10 * 60_000;

const bombs = new Map<number, Promise<Buffer>>();

/** A gzip stream inflating to `bytes` spaces, built once per size without holding the inflated bytes. */
function gzipBomb(bytes: number): Promise<Buffer> {
  let bomb = bombs.get(bytes);
  if (!bomb) {
    bomb = new Promise<Buffer>((resolve, reject) => {
      const gzip = createGzip({ level: 9 });
      const chunks: Buffer[] = [];
      gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
      gzip.on("end", () => resolve(Buffer.concat(chunks)));
      gzip.on("error", reject);
      const block = Buffer.alloc(1 << 20, 0x20);
      let left = bytes;
      const pump = () => {
        while (left > 0) {
          const size = Math.min(left, block.length);
          left -= size;
          if (!gzip.write(block.subarray(0, size))) {
            gzip.once("drain", pump);
            return;
          }
        }
        gzip.end();
      };
      pump();
    });
    bombs.set(bytes, bomb);
  }
  return bomb;
}

function etagOf(body: Buffer): string {
  return `"${createHash("sha1").update(body).digest("hex").slice(0, 20)}"`;
}

function notModified(req: IncomingMessage, etag: string, lastModified: Date | null): boolean {
  const inm = req.headers["if-none-match"];
  if (inm) {
    return inm.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  }
  const ims = req.headers["if-modified-since"];
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/** Starts the fixture "official site" on 127.0.0.1 at a free port. */
export async function startFixtureSite(options: FixtureSiteOptions = {}): Promise<FixtureSite> {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 20;
  const compress = options.compress ?? true;
  let validators = options.validators ?? true;
  let robots: string | null | number = options.robotsTxt === undefined ? DEFAULT_ROBOTS : options.robotsTxt;
  const catalog = new FixtureCatalog(now);
  if (options.seed ?? true) seedDocuments(catalog);
  if (options.documents) catalog.generate(options.documents, { site: options.documentsSite });
  const faults = new FaultTable();
  const requests = new Map<string, number>();
  const stats: FixtureSiteStats = { requests: 0, notModified: 0, bytesSent: 0 };
  let visitors = 100_000;
  let layout: "normal" | "redesigned" = "normal";

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    input: {
      status?: number;
      body: Buffer;
      contentType: string;
      lastModified?: Date | null;
      headers?: Record<string, string>;
    },
  ): void {
    const status = input.status ?? 200;
    const headers: Record<string, string> = { "Content-Type": input.contentType, ...input.headers };
    if (validators && status === 200) {
      const etag = etagOf(input.body);
      headers.ETag = etag;
      if (input.lastModified) headers["Last-Modified"] = input.lastModified.toUTCString();
      if (notModified(req, etag, input.lastModified ?? null)) {
        stats.notModified += 1;
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    let body = input.body;
    if (compress && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && body.length > 256) {
      body = gzipSync(body, { level: 6 });
      headers["Content-Encoding"] = "gzip";
      headers.Vary = "Accept-Encoding";
    }
    headers["Content-Length"] = String(body.length);
    res.writeHead(status, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    stats.bytesSent += body.length;
    res.end(body);
  }

  function html(text: string, charset: "utf-8" | "gbk" = "utf-8"): { body: Buffer; contentType: string } {
    return charset === "gbk"
      ? { body: iconv.encode(text, "gbk"), contentType: "text/html; charset=GBK" }
      : { body: Buffer.from(text, "utf8"), contentType: "text/html; charset=utf-8" };
  }

  function listPage(path: string): { style: FixtureSiteStyle | "script"; page: number } | null {
    if (path === "/nw12344/js/index.html") return { style: "script", page: 1 };
    const match = /^\/(nw12344|tzgg)\/(?:index(?:_(\d+))?\.html)?$/.exec(path);
    if (!match) return null;
    const page = match[2] ? Number(match[2]) : 1;
    return { style: match[1] === "nw12344" ? "municipal" : "commission", page };
  }

  function pageKind(path: string): "list" | "detail" | "attachment" | "other" {
    if (listPage(path)) return "list";
    if (catalog.findByPath(path)) return "detail";
    if (catalog.findAttachment(path)) return "attachment";
    return "other";
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fixture.invalid");
    const path = url.pathname;
    stats.requests += 1;
    const count = (requests.get(path) ?? 0) + 1;
    requests.set(path, count);

    if (path === "/robots.txt") {
      const fault = faults.take(path, "other");
      if (fault && (await applyTerminalFault(fault, req, res, url))) return;
      if (robots === null) return send(req, res, { status: 404, ...html("<h1>404</h1>") });
      if (typeof robots === "number")
        return send(req, res, { status: robots, ...html(`<h1>${robots}</h1>`) });
      return send(req, res, { body: Buffer.from(robots), contentType: "text/plain; charset=utf-8" });
    }

    const kind = pageKind(path);
    const fault = faults.take(path, kind);
    let chrome: PageChrome = STATIC_CHROME;
    let flip = false;
    let bytesFault: "invalid-utf8" | "mislabelled-charset" | null = null;
    if (fault) {
      if (fault.kind === "slow") await delay(fault.delayMs);
      else if (fault.kind === "dynamic-footer") {
        visitors += 1;
        chrome = { visitorCount: visitors, renderedAt: now() };
      } else if (fault.kind === "flip") flip = count % 2 === 0;
      else if (fault.kind === "invalid-utf8" || fault.kind === "mislabelled-charset") bytesFault = fault.kind;
      else if (await applyTerminalFault(fault, req, res, url)) return;
    }
    if (res.destroyed) return;

    const list = listPage(path);
    if (list) {
      const docs = catalog.list(list.style === "commission" ? "commission" : "municipal");
      if (list.style === "script") {
        return send(req, res, html(renderMunicipalScriptList({ docs: docs.slice(0, pageSize), chrome })));
      }
      const pageCount = Math.max(1, Math.ceil(docs.length / pageSize));
      if (list.page > pageCount) return send(req, res, { status: 404, ...html(renderErrorPage()) });
      const slice = docs.slice((list.page - 1) * pageSize, list.page * pageSize);
      if (layout === "redesigned") {
        const title = list.style === "municipal" ? "政策文件_中国上海" : "通知公告-上海市经济和信息化委员会";
        return send(req, res, html(renderRedesignedList({ title, docs: slice, chrome })));
      }
      const render = list.style === "municipal" ? renderMunicipalList : renderCommissionList;
      return send(req, res, html(render({ docs: slice, page: list.page, pageCount, chrome })));
    }

    const doc = catalog.findByPath(path);
    if (doc) {
      const plan = flip && doc.previousPlan ? doc.previousPlan : doc.plan;
      if (doc.format === "text") {
        const text = renderPlainText(doc, plan);
        const body = doc.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
        const contentType = `text/plain; charset=${doc.encoding === "gbk" ? "GBK" : "utf-8"}`;
        return send(req, res, { body, contentType, lastModified: doc.modifiedAt });
      }
      const render = doc.site === "municipal" ? renderMunicipalDetail : renderCommissionDetail;
      const markup = render(doc, { plan, chrome });
      const page = html(markup, doc.encoding);
      if (bytesFault === "mislabelled-charset") {
        page.body = iconv.encode(markup, doc.encoding === "gbk" ? "utf-8" : "gbk");
      } else if (bytesFault === "invalid-utf8") {
        const end = markup.lastIndexOf("</body>");
        page.body = Buffer.concat([
          Buffer.from(markup.slice(0, end), "utf8"),
          // A truncated sequence, a lone continuation byte and bytes UTF-8 never uses.
          Buffer.from([0x3c, 0x70, 0x3e, 0xe5, 0x9b, 0x20, 0x80, 0xff, 0xfe, 0x3c, 0x2f, 0x70, 0x3e]),
          Buffer.from(markup.slice(end), "utf8"),
        ]);
        page.contentType = "text/html; charset=utf-8";
      }
      return send(req, res, { ...page, lastModified: doc.modifiedAt });
    }

    const attachment = catalog.findAttachment(path);
    if (attachment) {
      return send(req, res, {
        body: attachment.body,
        contentType: attachment.contentType,
        lastModified: attachment.modifiedAt,
      });
    }
    return send(req, res, { status: catalog.removedStatus(path) ?? 404, ...html(renderErrorPage()) });
  }

  /** Answers the request according to the fault; returns false for faults that only modify the page. */
  async function applyTerminalFault(
    fault: FixtureFault,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> {
    switch (fault.kind) {
      case "status": {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers["Retry-After"] = String(fault.retryAfterSeconds);
        send(req, res, {
          status: fault.status,
          headers,
          ...html(`<h1>${fault.status}</h1><p>服务器繁忙</p>`),
        });
        return true;
      }
      case "gone": {
        send(req, res, { status: fault.status ?? 404, ...html(renderErrorPage()) });
        return true;
      }
      case "error-page": {
        send(req, res, html(renderErrorPage()));
        return true;
      }
      case "redirect": {
        res.writeHead(fault.status ?? 302, { Location: fault.location, "Content-Length": "0" });
        res.end();
        return true;
      }
      case "redirect-loop": {
        const hop = Number(url.searchParams.get("hop") ?? "0") + 1;
        res.writeHead(302, { Location: `${url.pathname}?hop=${hop}`, "Content-Length": "0" });
        res.end();
        return true;
      }
      case "reset": {
        req.socket.destroy();
        return true;
      }
      case "slowloris": {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.write("<!DOCTYPE html><html><head><title>");
        const started = Date.now();
        while (!res.destroyed && !res.writableEnded && Date.now() - started < MAX_SLOWLORIS_MS) {
          await delay(fault.intervalMs ?? 500);
          if (res.destroyed) break;
          res.write(".");
          stats.bytesSent += 1;
        }
        if (!res.destroyed) res.end("</title></head></html>");
        return true;
      }
      case "huge": {
        const total = fault.bytes ?? 30 * 1024 * 1024;
        const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8" };
        if (fault.declareLength) headers["Content-Length"] = String(total);
        res.writeHead(200, headers);
        const block = Buffer.from("<p>".padEnd(65_532, "很长的页面内容。")).subarray(0, 65_532);
        let left = total;
        while (left > 0 && !res.destroyed) {
          const chunk = block.subarray(0, Math.min(left, block.length));
          left -= chunk.length;
          stats.bytesSent += chunk.length;
          if (!res.write(chunk)) {
            await new Promise<void>((resolve) => {
              const done = () => {
                res.off("drain", done);
                res.off("close", done);
                resolve();
              };
              res.on("drain", done);
              res.on("close", done);
            });
          }
        }
        if (!res.destroyed) res.end();
        return true;
      }
      case "gzip-bomb": {
        const body = await gzipBomb(fault.bytes ?? 200 * 1024 * 1024);
        res.writeHead(200, {
          "Content-Type": "text/html; charset=utf-8",
          "Content-Encoding": "gzip",
          "Content-Length": String(body.length),
        });
        stats.bytesSent += body.length;
        res.end(body);
        return true;
      }
      default:
        return false;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`fixture site error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const host = "127.0.0.1";

  const source = (
    id: string,
    name: string,
    issuer: string,
    list: string,
    extra: Partial<FixtureSourceDefinition>,
  ): FixtureSourceDefinition => ({
    id,
    name,
    issuer,
    list: [`${origin}${list}`],
    maxPages: 1,
    render: "static",
    schedule: "0 */6 * * *",
    allow: [host],
    spacingMs: 0,
    ...extra,
  });

  return {
    origin,
    host,
    port,
    otherOrigin: `http://localhost:${port}`,
    urls: {
      municipalList: `${origin}/nw12344/index.html`,
      commissionList: `${origin}/tzgg/index.html`,
      scriptList: `${origin}/nw12344/js/index.html`,
      robots: `${origin}/robots.txt`,
    },
    url: (path) => `${origin}${path}`,
    document: (id) => catalog.get(id),
    documentUrl: (id) => `${origin}${catalog.get(id).path}`,
    listDocuments: (site) => catalog.list(site),
    setFault: (scope, fault, faultOptions) => faults.set(scope, fault, faultOptions),
    clearFaults: () => faults.clear(),
    setValidators: (enabled) => {
      validators = enabled;
    },
    setRobotsTxt: (next) => {
      robots = next;
    },
    publishRevision: (id, revisionOptions) => catalog.publishRevision(id, revisionOptions),
    publishRevisionAsNewUrl: (id, revisionOptions) => catalog.publishRevisionAsNewUrl(id, revisionOptions),
    setAttachment: (id, input) => catalog.setAttachment(id, input),
    removeDocument: (id, status = 410) => catalog.remove(id, status),
    generate: (count, generateOptions) => catalog.generate(count, generateOptions),
    setLayout: (next) => {
      layout = next;
    },
    requestCount: (path) => requests.get(path.startsWith("http") ? new URL(path).pathname : path) ?? 0,
    requests,
    stats,
    resetCounters: () => {
      requests.clear();
      stats.requests = 0;
      stats.notModified = 0;
      stats.bytesSent = 0;
    },
    sources: () => {
      const pages = (site: FixtureSiteStyle) => Math.max(1, Math.ceil(catalog.list(site).length / pageSize));
      return {
        municipal: source(
          "fixture-municipal",
          "中国上海 · 政策文件（测试站）",
          "上海市人民政府办公厅",
          "/nw12344/index.html",
          {
            links: "ul.tadaty-list li a",
            list: Array.from({ length: pages("municipal") }, (_, i) =>
              i === 0 ? `${origin}/nw12344/index.html` : `${origin}/nw12344/index_${i + 1}.html`,
            ),
          },
        ),
        commission: source(
          "fixture-commission",
          "上海市经济和信息化委员会 · 通知公告（测试站）",
          "上海市经济和信息化委员会",
          "/tzgg/index.html",
          { links: "ul.list li a", next: "a.next", maxPages: pages("commission") },
        ),
        script: source(
          "fixture-script",
          "中国上海 · 政策文件（脚本列表）",
          "上海市人民政府办公厅",
          "/nw12344/js/index.html",
          {
            links: "ul.tadaty-list li a",
            render: "browser",
          },
        ),
      };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
