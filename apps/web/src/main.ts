import { loadSources } from "@trackwatch/crawl";
import { createDb, migrate } from "@trackwatch/db";
import { connectRedis, createCrawlQueue, createEmailQueue, queuePrefix } from "@trackwatch/queue";
import { pino } from "pino";
import { getWebConfig } from "./env.ts";
import { startWeb } from "./start-web.ts";

/** Service mode: the web app as its own process (config → db → redis → queues → server → shutdown hooks). */
async function main(): Promise<void> {
  const config = getWebConfig();
  const log = pino({ level: config.LOG_LEVEL, name: "web" });
  const sources = await loadSources(config.TRACKWATCH_SOURCES);
  const database = await createDb(config);
  await migrate(database.db);
  const redis = await connectRedis(config.REDIS_URL, { role: "producer" });
  const prefix = queuePrefix(config);
  const queues = { crawl: createCrawlQueue(redis, prefix), email: createEmailQueue(redis, prefix) };
  const web = await startWeb({ db: database.db, config, queues, redis, log, sources });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await web.close();
    await Promise.allSettled([queues.crawl.close(), queues.email.close()]);
    redis.disconnect();
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`trackwatch web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
