import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";
import { parseRoles, ROLES } from "../start/roles.ts";
import { type RunningServices, startServices } from "../start/start-services.ts";

/** How long running jobs get to finish after SIGTERM; infra's stop timeouts must exceed it (a test checks). */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

const USAGE = `
usage: trackwatch start [web|crawler|notifier ...] [--sources FILE]

Runs migrations, then the web app, the crawler workers (queues crawl, extract), the notifier
workers (queues digest, email) and the schedulers, all in this process by default. Name one or
more apps to run only those: that is how a fleet runs Trackwatch (see infra/README.md).

Embedded defaults: PGlite under DATA_DIR (./data), mail as .eml files in DATA_DIR/outbox when
SMTP_URL is unset, Redis at REDIS_URL (redis://127.0.0.1:6379).

SIGINT/SIGTERM stop taking jobs, let running ones finish (up to 10 s) and close everything;
a second signal exits at once.

  --sources FILE  the sources file (default TRACKWATCH_SOURCES, else the built-in sources)
`;

function formatNext(date: Date | null, tz: string): string {
  if (!date) return "not scheduled";
  return `${new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short", timeStyle: "short" }).format(date)} (${tz})`;
}

function printBanner(services: RunningServices, tz: string, publicUrl: string): void {
  const lines = ["", "Trackwatch is running."];
  if (services.url) lines.push(`  web app:  ${services.url}  (links in mails use ${publicUrl})`);
  if (services.metricsUrl) lines.push(`  metrics:  ${services.metricsUrl}`);
  lines.push(`  sources:  ${services.sources.length}`);
  for (const source of services.sources) {
    const next = services.schedule.find((s) => s.sourceId === source.id)?.next ?? null;
    lines.push(`    ${source.id.padEnd(24)} next run ${formatNext(next, tz)}  ${source.name}`);
  }
  lines.push("  stop with Ctrl-C", "");
  process.stdout.write(`${lines.join("\n")}\n`);
}

export const startCommand: Command = {
  usage: USAGE,
  async run(argv) {
    let sourcesFile: string | undefined;
    const names: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === "--sources") {
        sourcesFile = argv[++i];
        if (!sourcesFile) throw new UsageError("--sources needs a FILE");
      } else if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
      else names.push(arg);
    }
    let roles: ReturnType<typeof parseRoles>;
    try {
      roles = parseRoles(names);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const config = getConfig();
    const services = await startServices(config, roles, { sourcesFile });
    printBanner(services, config.TZ, config.PUBLIC_URL);
    services.log.info({ apps: roles, all: roles.length === ROLES.length }, "started");

    return await new Promise<number>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          services.log.warn({ signal }, "second signal: exiting now");
          process.exit(130);
        }
        stopping = true;
        services.log.info({ signal }, "shutting down");
        services.close({ timeoutMs: SHUTDOWN_TIMEOUT_MS }).then(
          ({ leftOpen, handedBack }) => {
            // Workers still busy at the bound hand their jobs back (the lock lapses, another worker
            // takes them): the designed outcome. Anything else left open is a fault. Either way exit
            // now: what was left open may hold the event loop (a request to a slow site).
            if (leftOpen.length > 0) process.exit(handedBack ? 0 : 1);
            resolve(0);
          },
          () => resolve(1),
        );
      };
      process.on("SIGTERM", () => stop("SIGTERM"));
      process.on("SIGINT", () => stop("SIGINT"));
    });
  },
};
