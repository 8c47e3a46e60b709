import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";

export interface JobFollower {
  /** Resolves with the job's return value; rejects with its failure reason or on timeout. */
  wait(
    jobId: string,
    options?: { timeoutMs?: number; onProgress?: (progress: unknown) => void },
  ): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Follows jobs of one queue from outside the workers (`trackwatch recrawl --wait`). Create it
 * before enqueueing so no event of a fast job is missed. `connection` must be a worker-role
 * connection of its own (QueueEvents blocks on it); close() disconnects it.
 */
export async function createJobFollower(
  queueName: string,
  options: { connection: Redis; prefix: string },
): Promise<JobFollower> {
  const events = new QueueEvents(queueName, { connection: options.connection, prefix: options.prefix });
  const queueConnection = options.connection.duplicate();
  const queue = new Queue(queueName, { connection: queueConnection, prefix: options.prefix });
  await events.waitUntilReady();
  return {
    async wait(jobId, { timeoutMs = 15 * 60_000, onProgress } = {}) {
      const listener = ({ jobId: id, data }: { jobId: string; data: unknown }) => {
        if (id === jobId) onProgress?.(data);
      };
      events.on("progress", listener);
      try {
        const job = await queue.getJob(jobId);
        if (!job) throw new Error(`job ${jobId} is no longer in the ${queueName} queue`);
        return await job.waitUntilFinished(events, timeoutMs);
      } finally {
        events.off("progress", listener);
      }
    },
    async close() {
      await events.close();
      await queue.close();
      // Connections handed to BullMQ are not closed by it.
      options.connection.disconnect();
      queueConnection.disconnect();
    },
  };
}
