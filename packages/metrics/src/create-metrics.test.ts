import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createMetrics, type QueueLike, type WorkerLike } from "./create-metrics.ts";

// BullMQ's Worker is an EventEmitter with a name; the wiring with real workers is covered by the
// CLI's integration tests, these check what each event turns into.
function emitter(name: string): WorkerLike & EventEmitter {
  return Object.assign(new EventEmitter(), { name }) as WorkerLike & EventEmitter;
}

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("createMetrics", () => {
  it("counts jobs by queue and outcome, crawl pages by result and mails by outcome", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const crawl = emitter("crawl");
    const email = emitter("email");
    metrics.recordWorker(crawl);
    metrics.recordWorker(email);
    crawl.emit(
      "completed",
      {},
      { pagesFetched: 12, notModified: 3, unchanged: 2, newDocuments: 5, changed: 1, failed: 1 },
    );
    crawl.emit(
      "completed",
      {},
      { pagesFetched: 4, notModified: 0, unchanged: 4, newDocuments: 0, changed: 0, failed: 0 },
    );
    crawl.emit("failed", {}, new Error("list page down"));
    email.emit("completed", {}, { outcome: "sent" });
    email.emit("completed", {}, { outcome: "already-done" });
    email.emit("failed", {}, new Error("550"));

    const { body, contentType } = await metrics.scrape();
    expect(contentType).toContain("text/plain");
    expect(sample(body, 'trackwatch_jobs_total{queue="crawl",outcome="completed"}')).toBe(2);
    expect(sample(body, 'trackwatch_jobs_total{queue="crawl",outcome="failed"}')).toBe(1);
    expect(sample(body, 'trackwatch_jobs_total{queue="email",outcome="completed"}')).toBe(2);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="fetched"}')).toBe(16);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="304"}')).toBe(3);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="unchanged"}')).toBe(6);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="new"}')).toBe(5);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="changed"}')).toBe(1);
    expect(sample(body, 'trackwatch_crawl_pages_total{result="failed"}')).toBe(1);
    // "already-done" was sent earlier by someone else: not counted again.
    expect(sample(body, 'trackwatch_mails_total{outcome="sent"}')).toBe(1);
    expect(sample(body, 'trackwatch_mails_total{outcome="failed"}')).toBe(1);
  });

  it("reads queue depth on every scrape and leaves out a queue that cannot be read", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let waiting = 3;
    const crawl: QueueLike = {
      name: "crawl",
      getJobCounts: async () => ({ waiting, active: 1, delayed: 2, prioritized: 0 }),
    };
    const email: QueueLike = {
      name: "email",
      getJobCounts: async () => {
        throw new Error("Redis is down");
      },
    };
    metrics.watchQueues([crawl, email]);
    let { body } = await metrics.scrape();
    expect(sample(body, 'trackwatch_queue_jobs{queue="crawl",state="waiting"}')).toBe(3);
    expect(sample(body, 'trackwatch_queue_jobs{queue="crawl",state="delayed"}')).toBe(2);
    expect(body).not.toContain('queue="email"');
    waiting = 0;
    ({ body } = await metrics.scrape());
    expect(sample(body, 'trackwatch_queue_jobs{queue="crawl",state="waiting"}')).toBe(0);
  });
});
