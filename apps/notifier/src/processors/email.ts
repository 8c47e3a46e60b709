import { type EmailJob, emailJobSchema } from "@trackwatch/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import { PermanentDeliveryError, type SendDeliveryDeps, sendDelivery } from "../send-delivery.ts";

export interface EmailProcessorDeps extends SendDeliveryDeps {
  logger: Logger;
}

/** Sends the delivery named by the job; permanent refusals end the job without retries. */
export function createEmailProcessor(deps: EmailProcessorDeps) {
  return async (job: Job<EmailJob>) => {
    const parsed = emailJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid email job: ${parsed.error.message}`);
    try {
      const result = await sendDelivery(deps, parsed.data.deliveryId);
      deps.logger.info(
        { queue: "email", jobId: job.id, attempt: job.attemptsMade + 1, ...result },
        `email ${result.outcome}`,
      );
      return result;
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        deps.logger.warn({ queue: "email", jobId: job.id, outcome: "rejected" }, error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}
