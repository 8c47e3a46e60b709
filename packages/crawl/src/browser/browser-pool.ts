import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  // /dev/shm is 64 MB in containers; Chromium then crashes on big pages.
  "--disable-dev-shm-usage",
];

interface PooledBrowser {
  browser: Promise<Browser>;
  pages: number;
  active: number;
  retired: boolean;
}

export interface BrowserLease {
  browser: Browser;
  release(): Promise<void>;
}

export interface BrowserPoolStats {
  launches: number;
  pagesRendered: number;
  /** Browser contexts still open across live browsers; 0 when idle. */
  openContexts: number;
}

/**
 * One Chromium per worker process, shared by its renders and replaced after `recycleAfterPages`
 * pages (Chromium grows with use); a retired browser closes once its last page is done.
 */
export function createBrowserPool(options: { executablePath?: string; recycleAfterPages: number }) {
  let current: PooledBrowser | null = null;
  const live = new Set<PooledBrowser>();
  let launches = 0;
  let pagesRendered = 0;
  let closed = false;

  function launch(): PooledBrowser {
    launches++;
    const entry: PooledBrowser = {
      browser: chromium.launch({
        executablePath: options.executablePath,
        args: CHROMIUM_ARGS,
        headless: true,
      }),
      pages: 0,
      active: 0,
      retired: false,
    };
    live.add(entry);
    entry.browser.then(
      (browser) =>
        browser.on("disconnected", () => {
          // A crashed browser is replaced on the next lease.
          entry.retired = true;
          live.delete(entry);
          if (current === entry) current = null;
        }),
      () => {
        live.delete(entry);
        if (current === entry) current = null;
      },
    );
    return entry;
  }

  async function retire(entry: PooledBrowser): Promise<void> {
    live.delete(entry);
    const browser = await entry.browser.catch(() => null);
    await browser?.close().catch(() => {});
  }

  return {
    async lease(): Promise<BrowserLease> {
      if (closed) throw new Error("browser pool is closed");
      if (!current || current.retired) current = launch();
      const entry = current;
      entry.pages++;
      entry.active++;
      pagesRendered++;
      if (entry.pages >= options.recycleAfterPages) {
        entry.retired = true;
        current = null;
      }
      let browser: Browser;
      try {
        browser = await entry.browser;
      } catch (error) {
        entry.active--;
        throw error;
      }
      let released = false;
      return {
        browser,
        async release() {
          if (released) return;
          released = true;
          entry.active--;
          if (entry.retired && entry.active === 0) await retire(entry);
        },
      };
    },
    async stats(): Promise<BrowserPoolStats> {
      let openContexts = 0;
      for (const entry of live) {
        const browser = await entry.browser.catch(() => null);
        if (browser?.isConnected()) openContexts += browser.contexts().length;
      }
      return { launches, pagesRendered, openContexts };
    },
    async close(): Promise<void> {
      closed = true;
      current = null;
      await Promise.all([...live].map(retire));
    },
  };
}
