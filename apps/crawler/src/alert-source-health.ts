import type { SourceHealthChange } from "@trackwatch/crawl";
import { type Db, recordDelivery } from "@trackwatch/db";
import { type EmailQueue, enqueueEmail } from "@trackwatch/queue";
import type { Logger } from "pino";

export interface SourceHealthAlertDeps {
  db: Db;
  /** Null in `trackwatch once` (no Redis): the outbox row waits for the notifier's sweep. */
  emailQueue: EmailQueue | null;
  /** config ADMIN_EMAIL; without it the flip is only logged. */
  adminEmail: string | null | undefined;
  /** config PUBLIC_URL, for the admin link in the mail. */
  publicUrl: string;
  /** config MAIL_FROM: Message-IDs use its domain, like the notifier's. */
  mailFrom: string;
  locale?: "zh" | "en";
  /** Absent in `trackwatch once`, which prints its own summary. */
  log?: Logger;
  /** Called with each recorded outbox row (`trackwatch once` sends them itself). */
  onRecorded?: (deliveryId: string) => void;
}

/** The domain of `Name <user@domain>` or `user@domain`. */
function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf("@") + 1).trim() || "localhost";
}

/**
 * The crawler enqueues, the notifier sends: a flip of a source's health becomes one outbox row for
 * ADMIN_EMAIL (the window key names the flip, so a retried job records it once) and one email job.
 */
export function createSourceHealthAlert(deps: SourceHealthAlertDeps) {
  return async function alertSourceHealth(change: SourceHealthChange): Promise<void> {
    deps.log?.warn(
      { source: change.sourceId, health: change.health, reason: change.reason, runId: change.runId },
      "source health changed",
    );
    if (!deps.adminEmail) return;
    const deliveryId = await recordDelivery(deps.db, {
      kind: "alert",
      recipient: deps.adminEmail,
      windowKey: `alert:${change.sourceId}:${change.health}:${change.changedAt.toISOString()}`,
      payload: {
        locale: deps.locale ?? "zh",
        sourceId: change.sourceId,
        sourceName: change.sourceName,
        health: change.health,
        reason: change.reason,
        adminUrl: new URL("/admin", deps.publicUrl).href,
      },
      messageDomain: mailDomain(deps.mailFrom),
    });
    if (!deliveryId) return;
    deps.onRecorded?.(deliveryId);
    if (deps.emailQueue) await enqueueEmail(deps.emailQueue, { deliveryId });
  };
}
