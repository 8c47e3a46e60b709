import type { Env } from "@trackwatch/config";
import { loadSources } from "@trackwatch/crawl";
import {
  createCrawlDeps,
  createSourceHealthAlert,
  type OnceProgress,
  type OnceSummary,
  policyExtractor,
  runOnce,
} from "@trackwatch/crawler";
import { createDb, type Db, migrate } from "@trackwatch/db";
import { createMailTransport, messageIdDomain } from "@trackwatch/mail";
import { runDigest, sendDelivery } from "@trackwatch/notifier";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch once [--sources FILE] [--json] [--no-digest]

Crawls every enabled source once, extracts and diffs what is new or changed, and prints a summary:
documents seen, new and changed, the targets and rules read, and the changes by track. Then it
sends the digests that are due (SMTP_URL, else .eml files under DATA_DIR/outbox). Needs no Redis
(politeness is kept in this process) and works on the embedded database. Running it again over
unchanged sources reports zero changes. Exit code 1 when a source or an extraction failed.

  --sources FILE  the sources file (default TRACKWATCH_SOURCES, else the built-in Shanghai sources)
  --json          print the summary as JSON, including the list of changes
  --no-digest     crawl and diff only; leave the digests to a running notifier
`;

function parseArgs(argv: string[]) {
  let sourcesFile: string | undefined;
  let json = false;
  let digest = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--no-digest") digest = false;
    else if (arg === "--sources") {
      sourcesFile = argv[++i];
      if (!sourcesFile) throw new UsageError("--sources needs a FILE");
    } else throw new UsageError(`unexpected argument '${arg}'`);
  }
  return { sourcesFile, json, digest };
}

interface DigestSummary {
  sent: number;
  skipped: number;
  failed: { deliveryId: string; message: string }[];
  transport: string;
}

/**
 * The digests that are due, written to the outbox and sent in this process (service mode does
 * the same through the digest and email queues). A delivery already sent is never sent again.
 */
async function sendDueDigests(db: Db, config: Env, alertIds: readonly string[]): Promise<DigestSummary> {
  const transport = createMailTransport(config);
  const summary: DigestSummary = { sent: 0, skipped: 0, failed: [], transport: transport.location };
  try {
    const deps = {
      db,
      transport,
      from: config.MAIL_FROM,
      publicUrl: config.PUBLIC_URL,
      staleAfterMs: config.DELIVERY_STALE_MS,
    };
    // Source-health alerts recorded by this run's crawls, sent like the digests.
    for (const deliveryId of alertIds) {
      try {
        if ((await sendDelivery(deps, deliveryId)).outcome === "sent") summary.sent += 1;
      } catch (error) {
        summary.failed.push({ deliveryId, message: (error as Error).message });
      }
    }
    for (const frequency of ["immediate", "daily", "weekly"] as const) {
      const { deliveryIds } = await runDigest(db, {
        frequency,
        at: new Date(),
        tz: config.TZ,
        messageDomain: messageIdDomain(config.MAIL_FROM),
        settleMs: 0,
      });
      for (const deliveryId of deliveryIds) {
        try {
          const outcome = await sendDelivery(deps, deliveryId);
          if (outcome.outcome === "sent") summary.sent += 1;
          else summary.skipped += 1;
        } catch (error) {
          summary.failed.push({ deliveryId, message: (error as Error).message });
        }
      }
    }
  } finally {
    transport.close();
  }
  return summary;
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
      const alertIds: string[] = [];
      const summary = await runOnce({
        db: database.db,
        sources,
        crawl,
        extractor: policyExtractor,
        onProgress,
        onHealthChange: createSourceHealthAlert({
          db: database.db,
          emailQueue: null,
          adminEmail: config.ADMIN_EMAIL,
          publicUrl: config.PUBLIC_URL,
          mailFrom: config.MAIL_FROM,
          onRecorded: (id) => alertIds.push(id),
        }),
      });
      if (tty) process.stderr.write(`\r${" ".repeat(lastLine)}\r`);
      const digests = args.digest ? await sendDueDigests(database.db, config, alertIds) : null;
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ ...summary, digests }, null, 2)}\n`);
      } else {
        process.stdout.write(formatSummary(summary, database.location));
        if (digests) {
          process.stdout.write(`digests: ${digests.sent} sent (${digests.transport})\n`);
          for (const f of digests.failed)
            process.stdout.write(`  delivery ${f.deliveryId} failed: ${f.message}\n`);
        }
      }
      return summary.ok && (digests?.failed.length ?? 0) === 0 ? 0 : 1;
    } finally {
      await crawl.close();
      await database.close();
    }
  },
};
