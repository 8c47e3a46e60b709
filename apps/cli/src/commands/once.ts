import { loadSources } from "@trackwatch/crawl";
import {
  createCrawlDeps,
  type OnceProgress,
  type OnceSummary,
  policyExtractor,
  runOnce,
} from "@trackwatch/crawler";
import { createDb, migrate } from "@trackwatch/db";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch once [--sources FILE] [--json]

Crawls every enabled source once, extracts and diffs what is new or changed, and prints a summary:
documents seen, new and changed, the targets and rules read, and the changes by track. Needs no
Redis (politeness is kept in this process) and works on the embedded database. Running it again
over unchanged sources reports zero changes. Exit code 1 when a source or an extraction failed.

  --sources FILE  the sources file (default TRACKWATCH_SOURCES, else the built-in Shanghai sources)
  --json          print the summary as JSON, including the list of changes
`;

function parseArgs(argv: string[]) {
  let sourcesFile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--sources") {
      sourcesFile = argv[++i];
      if (!sourcesFile) throw new UsageError("--sources needs a FILE");
    } else throw new UsageError(`unexpected argument '${arg}'`);
  }
  return { sourcesFile, json };
}

function describeProgress(progress: OnceProgress): string {
  if (progress.phase === "extract")
    return `${progress.sourceId}: extracting ${progress.done}/${progress.total}`;
  const p = progress.progress;
  if (p.phase === "lists") return `${progress.sourceId}: list pages ${p.listPages}, links ${p.linksFound}`;
  return `${progress.sourceId}: pages ${p.detailsDone}/${p.linksFound}`;
}

function formatSummary(summary: OnceSummary, location: string): string {
  const lines = [
    `${summary.sources.length} source${summary.sources.length === 1 ? "" : "s"} crawled into ${location}`,
    `documents: ${summary.documentsSeen} seen, ${summary.newDocuments} new, ${summary.changedDocuments} changed, ${summary.removedDocuments} removed`,
    `read this run: ${summary.targets} targets, ${summary.rules} rules`,
  ];
  for (const s of summary.sources) {
    const status = s.status === "succeeded" ? "ok" : `FAILED: ${s.error}`;
    lines.push(
      `  ${s.id}: ${status}; pages ${s.pagesFetched}, not modified ${s.notModified}, unchanged ${s.unchanged}, ` +
        `new ${s.newDocuments}, changed ${s.changed}, failed ${s.failed}, extracted ${s.extracted}`,
    );
    for (const f of s.extractFailures)
      lines.push(`    extraction of snapshot ${f.snapshotId} failed: ${f.message}`);
  }
  const tracks = Object.entries(summary.changesByTrack).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`changes: ${summary.changes.length}`);
  for (const [track, count] of tracks) lines.push(`  ${track}: ${count}`);
  return `${lines.join("\n")}\n`;
}

export const onceCommand: Command = {
  name: "once",
  summary: "crawl, extract and diff every source once, without Redis, and print a summary",
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    const config = getConfig();
    const sources = await loadSources(args.sourcesFile ?? config.TRACKWATCH_SOURCES);
    const database = await createDb(config);
    const crawl = createCrawlDeps({ config, sources, redis: null });
    const tty = Boolean(process.stderr.isTTY) && !args.json;
    let lastLine = 0;
    const onProgress = tty
      ? (progress: OnceProgress) => {
          const text = describeProgress(progress).slice(0, (process.stderr.columns || 80) - 1);
          process.stderr.write(`\r${text.padEnd(lastLine)}`);
          lastLine = text.length;
        }
      : undefined;
    try {
      await migrate(database.db);
      const summary = await runOnce({
        db: database.db,
        sources,
        crawl,
        extractor: policyExtractor,
        onProgress,
      });
      if (tty) process.stderr.write(`\r${" ".repeat(lastLine)}\r`);
      process.stdout.write(
        args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, database.location),
      );
      return summary.ok ? 0 : 1;
    } finally {
      await crawl.close();
      await database.close();
    }
  },
};
