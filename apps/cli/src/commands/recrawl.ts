import { loadSources } from "@trackwatch/crawl";
import {
  CRAWL_QUEUE,
  connectRedis,
  createCrawlQueue,
  createJobFollower,
  createRedis,
  enqueueRecrawl,
  type JobFollower,
  queuePrefix,
} from "@trackwatch/queue";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch recrawl SOURCE_ID [--wait] [--sources FILE]

Asks the crawler workers to crawl one source now (a manual run). Clicks within a minute collapse
into one job. Prints the job id; with --wait, prints the run's progress and its outcome.
Needs Redis (REDIS_URL) and a running crawler (trackwatch start, or start crawler).

  --wait          follow the job until it finishes (exit 1 when it fails)
  --sources FILE  the sources file (default TRACKWATCH_SOURCES, else the built-in sources)
  --timeout SEC   give up waiting after SEC seconds (default 900)
`;

function parseArgs(argv: string[]) {
  let sourceId: string | undefined;
  let wait = false;
  let sourcesFile: string | undefined;
  let timeoutSec = 900;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--wait") wait = true;
    else if (arg === "--sources") sourcesFile = argv[++i] ?? "";
    else if (arg === "--timeout") timeoutSec = Number(argv[++i]);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (sourceId) throw new UsageError(`one SOURCE_ID only (got ${sourceId} and ${arg})`);
    else sourceId = arg;
  }
  if (!sourceId) throw new UsageError("missing SOURCE_ID");
  if (sourcesFile === "") throw new UsageError("--sources needs a FILE");
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0)
    throw new UsageError("--timeout needs a number of seconds");
  return { sourceId, wait, sourcesFile, timeoutSec };
}

function describeProgress(progress: unknown): string {
  if (progress && typeof progress === "object") {
    return Object.entries(progress as Record<string, unknown>)
      .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
      .join(" ");
  }
  return String(progress);
}

export const recrawlCommand: Command = {
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv);
    const config = getConfig();
    const sources = await loadSources(args.sourcesFile ?? config.TRACKWATCH_SOURCES);
    if (!sources.some((s) => s.id === args.sourceId)) {
      throw new UsageError(
        `unknown source "${args.sourceId}" (known: ${sources.map((s) => s.id).join(", ")})`,
      );
    }
    const prefix = queuePrefix(config);
    const redis = await connectRedis(config.REDIS_URL, { role: "producer" });
    const queue = createCrawlQueue(redis, prefix);
    let follower: JobFollower | undefined;
    try {
      if (args.wait) {
        // Subscribe before enqueueing so no event of a fast run is missed.
        follower = await createJobFollower(CRAWL_QUEUE, {
          connection: createRedis(config.REDIS_URL, { role: "worker" }),
          prefix,
        });
      }
      const { jobId } = await enqueueRecrawl(queue, { sourceId: args.sourceId, requestedBy: "cli" });
      process.stdout.write(`recrawl of ${args.sourceId} queued as job ${jobId}\n`);
      if (!follower) return 0;
      try {
        const result = await follower.wait(jobId, {
          timeoutMs: args.timeoutSec * 1000,
          onProgress: (progress) => process.stdout.write(`  ${describeProgress(progress)}\n`),
        });
        process.stdout.write(`done: ${describeProgress(result)}\n`);
        return 0;
      } catch (error) {
        process.stdout.write(`failed: ${(error as Error).message}\n`);
        return 1;
      }
    } finally {
      await follower?.close();
      await queue.close();
      redis.disconnect();
    }
  },
};
