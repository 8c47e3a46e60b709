/**
 * Crawl benchmark (issue 4): crawls a 2,000-page fixture site with the real pipeline (crawlSource,
 * undici fetcher, Redis politeness with spacing 0, robots, PostgreSQL), then the same site with
 * Crawlee's CheerioCrawler and with a bare fetch-and-extract loop at the same concurrency; then
 * re-crawls unchanged with validators (304 share, bytes) and without (same bodies, 200). Finally a
 * 10,000-page crawl in a fresh process for peak memory and its growth from page 2,000 to 10,000.
 * The fixture site runs in a child process so its memory and CPU are not counted as the crawler's.
 *
 *   npm run bench -- crawl [--pages 2000] [--concurrency 4] [--big 10000 | --skip-big | --only-big]
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  crawlSource,
  createFetcher,
  createPoliteness,
  createRobots,
  discoverLinks,
  findNextPage,
  type Source,
  sourceSchema,
} from "@trackwatch/crawl";
import { listSourceDocuments, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { extractMainText } from "@trackwatch/policy";
import type { FixtureSourceDefinition } from "@trackwatch/testkit";
import { Redis } from "ioredis";

const SELF = fileURLToPath(import.meta.url);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

// ---------------------------------------------------------------------------------------------
// Child process: the fixture site.
// ---------------------------------------------------------------------------------------------

interface SiteMessage {
  cmd: "validators" | "stats" | "reset";
  enabled?: boolean;
}

async function serveFixtureSite(pages: number): Promise<void> {
  const { startFixtureSite } = await import("@trackwatch/testkit");
  const site = await startFixtureSite({ seed: false, documents: pages, documentsSite: "commission" });
  process.on("message", (message: SiteMessage) => {
    // Answer with the counters as they were, then apply the command.
    process.send?.({ ok: true, stats: { ...site.stats } });
    if (message.cmd === "validators") site.setValidators(message.enabled ?? true);
    if (message.cmd === "reset") site.resetCounters();
  });
  process.send?.({ ready: true, source: site.sources().commission });
  process.on("disconnect", () => void site.close().then(() => process.exit(0)));
}

interface SiteHandle {
  source: FixtureSourceDefinition;
  call(message: SiteMessage): Promise<{ requests: number; notModified: number; bytesSent: number }>;
  stop(): void;
}

async function startSiteProcess(pages: number): Promise<SiteHandle> {
  const child: ChildProcess = fork(SELF, ["--fixture-server", String(pages)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const source = await new Promise<FixtureSourceDefinition>((resolve, reject) => {
    child.once("message", (m: { ready?: boolean; source: FixtureSourceDefinition }) => resolve(m.source));
    child.once("exit", (code) => reject(new Error(`fixture site exited with ${code}`)));
  });
  return {
    source,
    call: (message) =>
      new Promise((resolve) => {
        child.once("message", (m: { stats: { requests: number; notModified: number; bytesSent: number } }) =>
          resolve(m.stats),
        );
        child.send(message);
      }),
    stop: () => child.disconnect(),
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements.
// ---------------------------------------------------------------------------------------------

function memorySampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

interface Figures {
  label: string;
  pages: number;
  seconds: number;
  bytes: number | null;
  peakRss: number;
}

function line(f: Figures): string {
  const rate = f.pages / f.seconds;
  return `${f.label.padEnd(34)} ${String(f.pages).padStart(6)} pages  ${fmt(f.seconds, 2).padStart(7)} s  ${fmt(rate).padStart(8)} pages/s  ${(f.bytes === null ? "-" : mb(f.bytes)).padStart(9)}  peak RSS ${mb(f.peakRss)}`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRss: number }> {
  const sampler = memorySampler();
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  return { value, seconds, peakRss: sampler.stop() };
}

// ---------------------------------------------------------------------------------------------
// The three crawlers.
// ---------------------------------------------------------------------------------------------

async function pipeline(concurrency: number, pages: number, definition: FixtureSourceDefinition) {
  const database = await createTestDb("postgres");
  const redis = new Redis(REDIS_URL);
  const prefix = `bench:crawl:${randomUUID()}`;
  const fetcher = createFetcher({ retries: 0, connectionsPerOrigin: concurrency });
  const robots = createRobots({ fetcher });
  const politeness = createPoliteness(redis, { prefix });
  const source: Source = sourceSchema.parse({ ...definition, maxPages: Math.ceil(pages / 20) + 1 });
  await syncSources(database.db, { sources: [{ id: source.id, name: source.name, definition: source }] });
  let snapshots = 0;
  const run = (progress?: (done: number) => void) =>
    crawlSource({
      db: database.db,
      fetcher,
      politeness,
      robots,
      source,
      trigger: "manual",
      requestedBy: "bench",
      concurrency,
      defaultSpacingMs: 0,
      onSnapshot: () => {
        snapshots += 1;
      },
      onProgress: progress ? (p) => progress(p.detailsDone) : undefined,
    });
  return {
    run,
    snapshots: () => snapshots,
    documents: async () => (await listSourceDocuments(database.db, { sourceId: source.id })).length,
    close: async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await fetcher.close();
      await database.close();
    },
  };
}

/** Crawlee's CheerioCrawler over the same lists and details, hashing each page's content text. */
async function crawlee(concurrency: number, pages: number, definition: FixtureSourceDefinition) {
  const { CheerioCrawler, Configuration, log } = await import("crawlee");
  log.setLevel(log.LEVELS.ERROR);
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  let fetched = 0;
  let bytes = 0;
  const crawler = new CheerioCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestRetries: 0,
      maxRequestsPerCrawl: pages * 2,
      async requestHandler({ request, $, enqueueLinks, body }) {
        fetched += 1;
        bytes += typeof body === "string" ? Buffer.byteLength(body) : body.length;
        if (request.label === "detail") {
          // Crawlee bundles an older cheerio; hashing the content node's text is less work than
          // extractMainText, which keeps the comparison conservative for Trackwatch.
          createHash("sha256").update($("#ivs_content").text()).digest("hex");
          return;
        }
        await enqueueLinks({ selector: definition.links!, label: "detail" });
        await enqueueLinks({ selector: definition.next!, label: "list" });
      },
    },
    config,
  );
  await crawler.run([{ url: definition.list[0]!, label: "list" }]);
  await crawler.teardown();
  return { fetched, bytes };
}

/** The floor: undici fetch, cheerio via extractMainText, sha256, nothing stored. */
async function bareLoop(concurrency: number, definition: FixtureSourceDefinition) {
  let fetched = 0;
  let bytes = 0;
  const details: string[] = [];
  let url: string | null = definition.list[0]!;
  while (url) {
    const html = await (await fetch(url)).text();
    fetched += 1;
    bytes += Buffer.byteLength(html);
    for (const link of discoverLinks({
      html,
      baseUrl: url,
      selector: definition.links,
      allow: definition.allow,
    })) {
      details.push(link.url);
    }
    url = findNextPage({ html, baseUrl: url, selector: definition.next!, allow: definition.allow });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < details.length) {
        const target = details[next++]!;
        const body = Buffer.from(await (await fetch(target)).arrayBuffer());
        fetched += 1;
        bytes += body.length;
        createHash("sha256")
          .update(extractMainText(body.toString("utf8")).text)
          .digest("hex");
      }
    }),
  );
  return { fetched, bytes };
}

// ---------------------------------------------------------------------------------------------
// Child process: the 10,000-page memory run.
// ---------------------------------------------------------------------------------------------

async function memoryRun(pages: number, concurrency: number): Promise<void> {
  const site = await startSiteProcess(pages);
  const crawler = await pipeline(concurrency, pages, site.source);
  const marks: Record<number, number> = {};
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const summary = await crawler.run((done) => {
    for (const mark of [2_000, pages]) {
      if (done === mark && marks[mark] === undefined) marks[mark] = process.memoryUsage().rss;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await crawler.close();
  site.stop();
  process.send?.({ pages: summary.pagesFetched, seconds, peak, at2k: marks[2_000], atEnd: marks[pages] });
}

// ---------------------------------------------------------------------------------------------
// Main.
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const pages = arg("pages", 2_000);
  const concurrency = arg("concurrency", 4);
  const big = process.argv.includes("--skip-big") ? 0 : arg("big", 10_000);
  console.log(
    `crawl benchmark: ${pages}-page fixture site (commission style, 20 per list page), concurrency ${concurrency}`,
  );
  if (!process.argv.includes("--only-big")) await compare(pages, concurrency);
  if (big > 0) await memoryFigures(big, concurrency);
}

async function compare(pages: number, concurrency: number): Promise<void> {
  const site = await startSiteProcess(pages);
  const crawler = await pipeline(concurrency, pages, site.source);
  try {
    await site.call({ cmd: "reset" });
    const first = await timed(() => crawler.run());
    const firstSite = await site.call({ cmd: "reset" });
    const ours: Figures = {
      label: "trackwatch crawlSource (first)",
      pages: first.value.pagesFetched,
      seconds: first.seconds,
      bytes: first.value.bytes,
      peakRss: first.peakRss,
    };
    console.log(line(ours));
    console.log(
      `  new documents ${first.value.newDocuments}, snapshots ${crawler.snapshots()}, failed ${first.value.failed}, site saw ${firstSite.requests} requests / ${mb(firstSite.bytesSent)}`,
    );

    const again = await timed(() => crawler.run());
    const againSite = await site.call({ cmd: "reset" });
    const recrawl: Figures = {
      label: "re-crawl unchanged, validators",
      pages: again.value.pagesFetched,
      seconds: again.seconds,
      bytes: again.value.bytes,
      peakRss: again.peakRss,
    };
    console.log(line(recrawl));
    const share = again.value.notModified / again.value.pagesFetched;
    console.log(
      `  304 share ${fmt(share * 100, 2)}% (goal >= 99%), rate x${fmt(again.seconds ? first.seconds / again.seconds : 0)} of first (goal >= 4), bytes ${fmt((againSite.bytesSent / firstSite.bytesSent) * 100, 2)}% of first (goal <= 1%), new snapshots ${again.value.changed + again.value.newDocuments}`,
    );

    await site.call({ cmd: "validators", enabled: false });
    const snapshotsBefore = crawler.snapshots();
    const plain = await timed(() => crawler.run());
    await site.call({ cmd: "validators", enabled: true });
    await site.call({ cmd: "reset" });
    console.log(
      line({
        label: "re-crawl unchanged, no validators",
        pages: plain.value.pagesFetched,
        seconds: plain.seconds,
        bytes: plain.value.bytes,
        peakRss: plain.peakRss,
      }),
    );
    console.log(
      `  unchanged by body hash ${plain.value.unchanged}, rate x${fmt(first.seconds / plain.seconds)} of first (goal >= 3), snapshots/extractions ${crawler.snapshots() - snapshotsBefore} (goal 0)`,
    );

    const bare = await timed(() => bareLoop(concurrency, site.source));
    const bareFigures: Figures = {
      label: "bare fetch + extract loop",
      pages: bare.value.fetched,
      seconds: bare.seconds,
      bytes: bare.value.bytes,
      peakRss: bare.peakRss,
    };
    console.log(line(bareFigures));

    const peer = await timed(() => crawlee(concurrency, pages, site.source));
    const peerFigures: Figures = {
      label: "Crawlee CheerioCrawler",
      pages: peer.value.fetched,
      seconds: peer.seconds,
      bytes: peer.value.bytes,
      peakRss: peer.peakRss,
    };
    console.log(line(peerFigures));
    const oursRate = ours.pages / ours.seconds;
    console.log(
      `  trackwatch / Crawlee: x${fmt(oursRate / (peerFigures.pages / peerFigures.seconds), 2)} (goal >= 1); trackwatch / bare loop: x${fmt(oursRate / (bareFigures.pages / bareFigures.seconds), 2)} (goal >= 0.5)`,
    );
    console.log("  (bytes: trackwatch counts bytes on the wire (gzip); the others count decoded bodies)");
  } finally {
    await crawler.close();
    site.stop();
  }
}

async function memoryFigures(big: number, concurrency: number): Promise<void> {
  {
    const child = fork(SELF, ["--memory-run", String(big), "--concurrency", String(concurrency)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const result = await new Promise<{
      pages: number;
      seconds: number;
      peak: number;
      at2k: number;
      atEnd: number;
    }>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`memory run exited with ${code}`)));
    });
    child.kill();
    console.log(
      line({
        label: `static crawl, ${big} documents`,
        pages: result.pages,
        seconds: result.seconds,
        bytes: null,
        peakRss: result.peak,
      }),
    );
    console.log(
      `  RSS at page 2,000 ${mb(result.at2k)}, at page ${big} ${mb(result.atEnd)}: growth ${fmt(((result.atEnd - result.at2k) / result.at2k) * 100)}% (goal < 10%), peak ${mb(result.peak)} (goal < 1 GiB)`,
    );
  }
}

if (process.argv.includes("--fixture-server")) {
  await serveFixtureSite(arg("fixture-server", 2_000));
} else if (process.argv.includes("--memory-run")) {
  await memoryRun(arg("memory-run", 10_000), arg("concurrency", 4));
  process.exit(0);
} else {
  await main();
  process.exit(0);
}
