export {
  type DeliverDueDigestsDeps,
  type DeliverDueDigestsResult,
  deliverDueDigests,
} from "./deliver-due-digests.ts";
export { digestWindowKey, localDate, localWeekStart } from "./digest-window.ts";
export { type DigestPreview, previewDigests } from "./preview-digest.ts";
export { requeuePendingDeliveries } from "./requeue-pending-deliveries.ts";
export { type RunDigestInput, runDigest } from "./run-digest.ts";
export {
  DeliveryBusyError,
  PermanentDeliveryError,
  type SendDeliveryDeps,
  type SendOutcome,
  sendDelivery,
} from "./send-delivery.ts";
export {
  type NotifierConfig,
  type NotifierDeps,
  type NotifierWorkers,
  startNotifierWorkers,
} from "./start-notifier-workers.ts";
