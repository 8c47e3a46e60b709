import { loadSources, nextRunAt } from "@trackwatch/crawl";
import { countDocumentsBySource, createDb, DataDirLockedError, listSourceCrawlStatus } from "@trackwatch/db";
import { spreadCronPattern } from "@trackwatch/queue";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch sources [--sources FILE] [--json]

Lists the configured sources with their last run (when, status), their health (unhealthy when the
last run looked like a redesigned or broken site, with the reason), the number of documents stored
and the next scheduled run (in the config time zone, with the per-source start phase the
schedulers use). Reads the database; with the embedded one, a running \`trackwatch start\` holds it
and only the file's view is printed.

  --sources FILE  the sources file (default TRACKWATCH_SOURCES, else the built-in sources)
  --json          print JSON
`;

function formatTime(date: Date | null, tz: string): string {
  if (!date) return "-";
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

export const sourcesCommand: Command = {
  usage: USAGE,
  async run(argv) {
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
    const config = getConfig();
    const sources = await loadSources(sourcesFile ?? config.TRACKWATCH_SOURCES);
    let note: string | null = null;
    let status = new Map<string, Awaited<ReturnType<typeof listSourceCrawlStatus>>[number]>();
    let documents = new Map<string, number>();
    try {
      const database = await createDb(config);
      try {
        status = new Map((await listSourceCrawlStatus(database.db)).map((s) => [s.id, s]));
        documents = await countDocumentsBySource(database.db);
      } catch (error) {
        // A database that was never migrated has no runs yet.
        note = `no run data (${(error as Error).message.split("\n")[0]})`;
      } finally {
        await database.close();
      }
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      note = "the embedded database is in use by a running trackwatch; run data not shown";
    }
    const rows = sources.map((source) => {
      const state = status.get(source.id);
      const run = state?.lastRun ?? null;
      const next = source.enabled
        ? nextRunAt(spreadCronPattern(source.schedule, source.id), { timeZone: config.TZ })
        : null;
      return {
        id: source.id,
        name: source.name,
        enabled: source.enabled,
        schedule: source.schedule,
        lastRun: run
          ? { status: run.status, trigger: run.trigger, startedAt: run.startedAt, error: run.error }
          : null,
        health: state?.health ?? null,
        healthReason: state?.healthReason ?? null,
        documents: documents.get(source.id) ?? 0,
        nextRun: next,
      };
    });
    if (json) {
      process.stdout.write(`${JSON.stringify({ timeZone: config.TZ, sources: rows, note }, null, 2)}\n`);
      return 0;
    }
    const table = [
      ["SOURCE", "LAST RUN", "STATUS", "HEALTH", "DOCUMENTS", `NEXT RUN (${config.TZ})`],
      ...rows.map((r) => [
        r.id,
        formatTime(r.lastRun?.startedAt ?? null, config.TZ),
        r.lastRun ? r.lastRun.status : "never run",
        r.health ?? "-",
        String(r.documents),
        r.enabled ? formatTime(r.nextRun, config.TZ) : "disabled",
      ]),
    ];
    const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
    for (const row of table)
      process.stdout.write(
        `${row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}\n`,
      );
    for (const r of rows) if (r.lastRun?.error) process.stdout.write(`  ${r.id}: ${r.lastRun.error}\n`);
    for (const r of rows)
      if (r.health === "unhealthy") process.stdout.write(`  ${r.id} unhealthy: ${r.healthReason ?? "-"}\n`);
    if (note) process.stdout.write(`(${note})\n`);
    return 0;
  },
};
