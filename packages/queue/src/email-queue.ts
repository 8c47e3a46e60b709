import { type ConnectionOptions, type JobsOptions, Queue } from "bullmq";
import { z } from "zod";

export const EMAIL_QUEUE = "email";

/** One outbox row of the `deliveries` table; the job id is the delivery id. */
export const emailJobSchema = z.object({ deliveryId: z.uuid() });
export type EmailJob = z.infer<typeof emailJobSchema>;

/**
 * An SMTP server that is down comes back within minutes: 10 attempts with exponential backoff from
 * 5 s span about 40 minutes, after which the periodic outbox sweep re-enqueues the delivery from
 * PostgreSQL. Finished jobs are removed so that sweep can add the same job id again.
 */
export const EMAIL_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: true,
  removeOnFail: true,
} satisfies JobsOptions;

export type EmailQueue = Queue<EmailJob>;

export function createEmailQueue(connection: ConnectionOptions, prefix: string): EmailQueue {
  return new Queue<EmailJob>(EMAIL_QUEUE, { connection, prefix, defaultJobOptions: EMAIL_JOB_OPTIONS });
}

/** Enqueue sending one delivery. Adding a delivery that already has a live job is a no-op. */
export async function enqueueEmail(queue: EmailQueue, input: EmailJob): Promise<{ jobId: string }> {
  const payload = emailJobSchema.parse(input);
  await queue.add("email", payload, { ...EMAIL_JOB_OPTIONS, jobId: payload.deliveryId });
  return { jobId: payload.deliveryId };
}

/** Bulk variant for a digest window: one round trip per chunk. */
export async function enqueueEmails(queue: EmailQueue, inputs: EmailJob[]): Promise<{ jobIds: string[] }> {
  const payloads = inputs.map((input) => emailJobSchema.parse(input));
  for (let i = 0; i < payloads.length; i += 500) {
    await queue.addBulk(
      payloads.slice(i, i + 500).map((data) => ({
        name: "email",
        data,
        opts: { ...EMAIL_JOB_OPTIONS, jobId: data.deliveryId },
      })),
    );
  }
  return { jobIds: payloads.map((p) => p.deliveryId) };
}
