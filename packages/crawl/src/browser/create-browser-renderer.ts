import type { BrowserContext, Route } from "playwright-core";
import { z } from "zod";
import { effectivePort } from "../fetch/host-allow.ts";
import { buildUserAgent } from "../fetch/user-agent.ts";
import type { BrowserPoolStats } from "./browser-pool.ts";
import { createBrowserPool } from "./browser-pool.ts";
import { mayRequestUrl } from "./may-request-url.ts";
import { RenderError } from "./render-error.ts";
import { resolveChromiumPath } from "./resolve-chromium-path.ts";
import type { AllowProxy } from "./start-allow-proxy.ts";
import { startAllowProxy } from "./start-allow-proxy.ts";

/** Never needed to read an announcement list, and the bulk of a page's bytes and memory. */
const BLOCKED_RESOURCE_TYPES = new Set(["image", "font", "media"]);

export const browserRendererOptionsSchema = z.object({
  /** Config CHROMIUM_PATH; default /usr/bin/chromium when present, else Playwright's own browser. */
  chromiumPath: z.string().nullish(),
  contactUrl: z.string().nullish(),
  userAgent: z.string().min(1).optional(),
  navigationTimeoutMs: z.number().int().positive().default(30_000),
  /** After load, how long to wait for the network to go quiet when no `waitFor` selector is given. */
  settleTimeoutMs: z.number().int().min(0).default(3_000),
  recycleAfterPages: z.number().int().positive().default(100),
  /** Pages rendered at once; more wait. Two keep Chromium well under 1.2 GB. */
  maxConcurrentPages: z.number().int().positive().default(2),
  /** As for the fetcher: hostnames allowed to resolve to private addresses. */
  privateHosts: z.array(z.string()).default([]),
});

export type BrowserRendererOptions = z.input<typeof browserRendererOptionsSchema>;

export interface RenderOptions {
  /** Hosts the page and every request it makes may touch (the source's `allow`). */
  allow: readonly string[];
  /** CSS selector that appears once the page's script has built the content. */
  waitFor?: string;
  signal?: AbortSignal;
}

export interface RenderedHtml {
  html: string;
  /** Status of the main document response; null if the browser did not report one. */
  status: number | null;
  finalUrl: string;
  /** Same as finalUrl. */
  url: string;
  /** Requests the page tried that were refused (other hosts, images, fonts, media). */
  blockedRequests: number;
}

export interface BrowserRenderer {
  render(url: string, options: RenderOptions): Promise<RenderedHtml>;
  stats(): Promise<BrowserPoolStats>;
  close(): Promise<void>;
}

/**
 * Renders `render: browser` pages with Playwright: a fresh context per page, no images/fonts/media, no
 * request leaving the source's allowed hosts, everything closed on every path.
 */
export function createBrowserRenderer(options: BrowserRendererOptions = {}): BrowserRenderer {
  const settings = browserRendererOptionsSchema.parse(options);
  const pool = createBrowserPool({
    executablePath: resolveChromiumPath(settings.chromiumPath),
    recycleAfterPages: settings.recycleAfterPages,
  });
  const userAgent = settings.userAgent ?? buildUserAgent(settings.contactUrl);
  let active = 0;
  const waiting: (() => void)[] = [];

  async function slot(): Promise<() => void> {
    if (active >= settings.maxConcurrentPages) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    return () => {
      active--;
      waiting.shift()?.();
    };
  }

  async function renderIn(
    context: BrowserContext,
    proxy: AllowProxy,
    url: string,
    homePort: string,
    options: RenderOptions,
  ) {
    let refusedByRoute = 0;
    // route() sees first requests only (not redirect hops, which the proxy checks); refusing here saves a round trip.
    await context.route("**/*", (route: Route) => {
      const request = route.request();
      if (
        BLOCKED_RESOURCE_TYPES.has(request.resourceType()) ||
        !mayRequestUrl(request.url(), options.allow, homePort)
      ) {
        refusedByRoute++;
        // A route can still be pending when the context closes; its rejection must not crash the worker.
        return route.abort("blockedbyclient").catch(() => {});
      }
      return route.continue().catch(() => {});
    });
    const page = await context.newPage();
    page.setDefaultTimeout(settings.navigationTimeoutMs);

    let response: Awaited<ReturnType<typeof page.goto>>;
    try {
      response = await page.goto(url, { waitUntil: "load", timeout: settings.navigationTimeoutMs });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/timeout/i.test(message)) throw new RenderError("timeout", `navigation timed out: ${message}`, url);
      throw new RenderError("navigation", message, url);
    }
    // A redirect hop the proxy refused leaves the main frame on that URL with the proxy's 403.
    if (!mayRequestUrl(page.url(), options.allow, homePort)) {
      throw new RenderError("outside-allow", `navigation to ${page.url()} left the allowed hosts`, url);
    }
    const status = response?.status() ?? null;
    if (status !== null && status >= 400) {
      throw new RenderError(status >= 500 ? "http-5xx" : "http-4xx", `HTTP ${status}`, page.url(), status);
    }
    if (options.waitFor) {
      try {
        await page.waitForSelector(options.waitFor, {
          state: "attached",
          timeout: settings.navigationTimeoutMs,
        });
      } catch {
        throw new RenderError("timeout", `"${options.waitFor}" did not appear`, page.url(), status);
      }
    } else if (settings.settleTimeoutMs > 0) {
      // Lists built from an XHR after load: give the network a moment to go quiet, but never fail on it.
      await page.waitForLoadState("networkidle", { timeout: settings.settleTimeoutMs }).catch(() => {});
    }
    const html = await page.content();
    const finalUrl = page.url();
    return { html, status, finalUrl, url: finalUrl, blockedRequests: refusedByRoute + proxy.blocked.length };
  }

  return {
    async render(url, renderOptions) {
      if (!mayRequestUrl(url, renderOptions.allow)) {
        throw new RenderError("outside-allow", `${url} is not on the source's allowed hosts`, url);
      }
      const homePort = effectivePort(new URL(url));
      const releaseSlot = await slot();
      let lease: Awaited<ReturnType<typeof pool.lease>> | null = null;
      let context: BrowserContext | null = null;
      let proxy: AllowProxy | null = null;
      const onAbort = () => {
        context?.close().catch(() => {});
      };
      try {
        renderOptions.signal?.throwIfAborted();
        lease = await pool.lease();
        proxy = await startAllowProxy(renderOptions.allow, { privateHosts: settings.privateHosts, homePort });
        context = await lease.browser.newContext({
          proxy: { server: proxy.server },
          userAgent,
          serviceWorkers: "block",
          acceptDownloads: false,
          locale: "zh-CN",
        });
        renderOptions.signal?.addEventListener("abort", onAbort, { once: true });
        return await renderIn(context, proxy, url, homePort, renderOptions);
      } finally {
        renderOptions.signal?.removeEventListener("abort", onAbort);
        // Closing the context closes its pages; done on success, error and abort alike.
        await context?.close().catch(() => {});
        await proxy?.close();
        await lease?.release();
        releaseSlot();
      }
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
