import {
  type ClaimRequest,
  type ClaimResult,
  claimDelivery,
  createToken,
  type Db,
  markDeliveriesSent,
  recordDeliveryFailure,
} from "@trackwatch/db";
import { isPermanentRejection, type MailTransport } from "@trackwatch/mail";
import { createDeliveryRenderer, type DeliveryRenderer, type RenderOutcome } from "./render-delivery.ts";

export interface SendDeliveryDeps {
  db: Db;
  transport: MailTransport;
  from: string;
  publicUrl: string;
  /** DELIVERY_STALE_MS. */
  staleAfterMs: number;
  /** Shared by a worker's jobs so a digest window renders once per language. */
  renderer?: DeliveryRenderer;
  /** A worker batches claims and sent records across its jobs (createOutboxBatching). */
  claim?: (request: ClaimRequest) => Promise<ClaimResult>;
  recordSent?: (deliveryId: string) => Promise<void>;
}

export type SendOutcome =
  | { outcome: "sent"; messageId: string; attempts: number }
  | { outcome: "already-done"; status: string }
  | { outcome: "skipped"; reason: string }
  | { outcome: "missing" };

/** The server refused the message for good; the caller must not retry. */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/** Another worker holds a fresh claim; retry later, when it is either sent or stale. */
export class DeliveryBusyError extends Error {
  override name = "DeliveryBusyError";
}

/**
 * Sends one outbox row at most once per claim: claim → render from the database → send with the
 * delivery's own Message-ID → mark sent. Transient failures put the row back to pending and
 * rethrow (the job retries with backoff); a 5xx refusal records `rejected` and throws
 * PermanentDeliveryError. A crash after the server accepted but before `sent` was recorded is the
 * one way a mail goes out twice, with the same Message-ID.
 */
export async function sendDelivery(deps: SendDeliveryDeps, deliveryId: string): Promise<SendOutcome> {
  const linkTokens = { manage: createToken(), unsubscribe: createToken() };
  const claim = deps.claim
    ? await deps.claim({ id: deliveryId, linkTokens })
    : await claimDelivery(deps.db, { id: deliveryId, staleAfterMs: deps.staleAfterMs, linkTokens });
  if (claim.outcome === "missing") return { outcome: "missing" };
  if (claim.outcome === "done") return { outcome: "already-done", status: claim.delivery.status };
  if (claim.outcome === "busy")
    throw new DeliveryBusyError(`delivery ${deliveryId} is being sent by another worker`);

  let rendered: RenderOutcome;
  try {
    rendered = await (deps.renderer ?? createDeliveryRenderer(deps))({
      delivery: claim.delivery,
      subscriber: claim.subscriber,
      linkTokens: claim.linkTokensStored ? linkTokens : null,
    });
  } catch (error) {
    await recordDeliveryFailure(deps.db, { id: deliveryId, error: errorText(error), outcome: "retry" });
    throw error;
  }
  if ("skip" in rendered) {
    await recordDeliveryFailure(deps.db, { id: deliveryId, error: rendered.skip, outcome: "failed" });
    return { outcome: "skipped", reason: rendered.skip };
  }

  try {
    const info = await deps.transport.send(rendered.message);
    await (deps.recordSent ?? ((id) => markDeliveriesSent(deps.db, { ids: [id] })))(deliveryId);
    return { outcome: "sent", messageId: info.messageId, attempts: claim.delivery.attempts };
  } catch (error) {
    if (isPermanentRejection(error)) {
      await recordDeliveryFailure(deps.db, { id: deliveryId, error: errorText(error), outcome: "rejected" });
      throw new PermanentDeliveryError(`recipient refused: ${errorText(error)}`);
    }
    await recordDeliveryFailure(deps.db, { id: deliveryId, error: errorText(error), outcome: "retry" }).catch(
      () => {
        // The database is what failed; the claim goes stale and the sweep retries.
      },
    );
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
