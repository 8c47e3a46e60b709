import type { Command } from "../command.ts";

/** A command as `trackwatch --help` lists it; its module is loaded only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `trackwatch --help`. */
  summary: string;
  load(): Promise<Command>;
}

// Each command lives in its own file; add it here to make it reachable. Loading lazily keeps
// `trackwatch extract` from paying for the web app, the workers and the browser at start.
export const COMMANDS: CommandEntry[] = [
  {
    name: "demo",
    summary:
      "run Trackwatch on a local fixture site: crawl, publish a revision, see the change and the digest",
    load: async () => (await import("./demo.ts")).demoCommand,
  },
  {
    name: "digest",
    summary: "preview the next digest for an address or a frequency, without sending",
    load: async () => (await import("./digest.ts")).digestCommand,
  },
  {
    name: "extract",
    summary: "extract metadata, tracks, targets and rules from a policy page (file or URL) as JSON",
    load: async () => (await import("./extract.ts")).extractCommand,
  },
  {
    name: "migrate",
    summary: "create or update the database schema (PGlite under DATA_DIR, or DATABASE_URL)",
    load: async () => (await import("./migrate.ts")).migrateCommand,
  },
  {
    name: "once",
    summary: "crawl, extract and diff every source once, without Redis, and print a summary",
    load: async () => (await import("./once.ts")).onceCommand,
  },
  {
    name: "recrawl",
    summary: "crawl one source now (through the crawler workers); --wait follows the run",
    load: async () => (await import("./recrawl.ts")).recrawlCommand,
  },
  {
    name: "reextract",
    summary: "re-run the current extractor over stored snapshots (differences flagged extractor-only)",
    load: async () => (await import("./reextract.ts")).reextractCommand,
  },
  {
    name: "sources",
    summary: "list the sources with last run, status, health, documents and next run",
    load: async () => (await import("./sources.ts")).sourcesCommand,
  },
  {
    name: "start",
    summary: "run the web app, crawler and notifier workers and the schedulers (all, or the ones named)",
    load: async () => (await import("./start.ts")).startCommand,
  },
];
