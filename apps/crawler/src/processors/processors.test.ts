import type { Db } from "@trackwatch/db";
import type { ExtractQueue } from "@trackwatch/queue";
import { type Job, UnrecoverableError } from "bullmq";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { policyExtractor } from "../policy-extractor.ts";
import { createCrawlProcessor } from "./crawl.ts";
import { createExtractProcessor } from "./extract.ts";

// An invalid payload must fail before anything is touched: a database that throws on use proves it.
const untouchableDb = new Proxy({} as Db, {
  get() {
    throw new Error("the database must not be used for an invalid payload");
  },
});
const log = pino({ level: "silent" });
const job = <T>(data: unknown) =>
  ({ id: "1", queueName: "q", data, updateProgress: async () => {} }) as unknown as Job<T>;

describe("processors without Redis", () => {
  it("the extract processor refuses a malformed payload as unrecoverable", async () => {
    const process = createExtractProcessor({ db: untouchableDb, extractor: policyExtractor, log });
    for (const data of [
      {},
      { snapshotId: "7", documentId: 1, sourceId: "s" },
      { snapshotId: 0, documentId: 1, sourceId: "s" },
    ]) {
      await expect(process(job(data))).rejects.toBeInstanceOf(UnrecoverableError);
    }
  });

  it("the crawl processor refuses a malformed payload as unrecoverable", async () => {
    const process = createCrawlProcessor({
      db: untouchableDb,
      crawl: {} as never,
      extractQueue: {} as ExtractQueue,
      log,
    });
    await expect(process(job({ sourceId: "", trigger: "manual" }))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    await expect(process(job({ sourceId: "a", trigger: "whenever" }))).rejects.toThrow(
      /invalid crawl payload/,
    );
  });
});
