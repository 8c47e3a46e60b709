import { createDb, migrate } from "@trackwatch/db";
import { connectRedis } from "@trackwatch/queue";
import { pino } from "pino";
import { getNotifierConfig } from "./env.ts";
import { startNotifierWorkers } from "./start-notifier-workers.ts";

// Wiring only: config → database → Redis → workers → shutdown hooks.
const config = getNotifierConfig();
const logger = pino({ level: config.LOG_LEVEL, base: { app: "notifier" } });

const database = await createDb(config);
await migrate(database.db);
const redis = await connectRedis(config.REDIS_URL, { role: "worker" });
const workers = await startNotifierWorkers({ db: database.db, redis, config, logger });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "notifier stopping");
  try {
    await workers.close();
    await redis.quit();
    await database.close();
  } catch (error) {
    logger.error({ err: error }, "error while stopping");
    process.exitCode = 1;
  }
  logger.info("notifier stopped");
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
