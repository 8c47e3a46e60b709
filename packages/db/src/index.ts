export { createDb, type Database, type DbConfig, DbConnectError, IN_MEMORY } from "./create-db.ts";
export type { Db } from "./db-type.ts";
export { executeRows } from "./execute-rows.ts";
export { MIGRATIONS_FOLDER, type MigrateResult, migrate } from "./migrate.ts";
export { DataDirLockedError } from "./pglite-lock.ts";
export { listCurrentAttachments } from "./queries/attachments/list-current-attachments.ts";
export {
  type AttachmentRow,
  listSnapshotAttachments,
} from "./queries/attachments/list-snapshot-attachments.ts";
export { type AttachmentInput, recordAttachments } from "./queries/attachments/record-attachments.ts";
export {
  appendChanges,
  changeDedupKey,
  type NewChange,
} from "./queries/changes/append-changes.ts";
export {
  type DocumentHistory,
  DocumentNotFoundError,
  getDocumentHistory,
} from "./queries/changes/get-document-history.ts";
export { listChangeTracks } from "./queries/changes/list-change-tracks.ts";
export {
  type ChangePage,
  type ChangeView,
  InvalidCursorError,
  type ListChangesInput,
  listChanges,
} from "./queries/changes/list-changes.ts";
export { recordDocumentRemoved } from "./queries/changes/record-document-removed.ts";
export { refreshChangeLogStatistics } from "./queries/changes/refresh-change-log-statistics.ts";
export {
  type CrawlRunCounters,
  type FinishCrawlRunInput,
  finishCrawlRun,
} from "./queries/crawl-runs/finish-crawl-run.ts";
export { CrawlRunNotFoundError, type CrawlRunRow, getCrawlRun } from "./queries/crawl-runs/get-crawl-run.ts";
export { type CrawlRunView, listRecentCrawlRuns } from "./queries/crawl-runs/list-recent-crawl-runs.ts";
export { listRunHistory, type RunHistoryEntry } from "./queries/crawl-runs/list-run-history.ts";
export { type StartCrawlRunInput, startCrawlRun } from "./queries/crawl-runs/start-crawl-run.ts";
export {
  type ClaimedSubscriber,
  type ClaimRequest,
  type ClaimResult,
  claimDeliveries,
  claimDelivery,
  type Delivery,
} from "./queries/deliveries/claim-delivery.ts";
export { getDigestHorizon } from "./queries/deliveries/digest-horizon.ts";
export { listDigestChanges } from "./queries/deliveries/list-digest-changes.ts";
export { listRequeueableDeliveries } from "./queries/deliveries/list-requeueable-deliveries.ts";
export { listUndeliveredMails, type UndeliveredMail } from "./queries/deliveries/list-undelivered-mails.ts";
export { markDeliveriesSent } from "./queries/deliveries/mark-deliveries-sent.ts";
export { recordDelivery } from "./queries/deliveries/record-delivery.ts";
export { recordDeliveryFailure } from "./queries/deliveries/record-delivery-failure.ts";
export {
  type DigestFrequency,
  type RecordDigestDeliveriesInput,
  recordDigestDeliveries,
} from "./queries/deliveries/record-digest-deliveries.ts";
export { countDocumentsBySource } from "./queries/documents/count-documents-by-source.ts";
export { findLinkCandidates, type LinkCandidate } from "./queries/documents/find-link-candidates.ts";
export { type LinkDocumentInput, linkDocument } from "./queries/documents/link-document.ts";
export { type DocumentRow, listSourceDocuments } from "./queries/documents/list-source-documents.ts";
export { listUnlistedDocuments, type UnlistedDocument } from "./queries/documents/list-unlisted-documents.ts";
export { lockLinkKeys } from "./queries/documents/lock-link-keys.ts";
export {
  type DocumentGone,
  GONE_RUNS_TO_REMOVE,
  recordDocumentGone,
} from "./queries/documents/record-document-gone.ts";
export { type DocumentSeen, recordDocumentSeen } from "./queries/documents/record-document-seen.ts";
export { recordNewDocument } from "./queries/documents/record-new-document.ts";
export type { ExtractionInput, RuleInput, TargetInput } from "./queries/extractions/extraction-input.ts";
export {
  type FindPreviousExtractionInput,
  findPreviousExtraction,
  type StoredExtraction,
} from "./queries/extractions/find-previous-extraction.ts";
export { findReportedExtraction } from "./queries/extractions/find-reported-extraction.ts";
export { ExtractionNotFoundError, getExtraction } from "./queries/extractions/get-extraction.ts";
export {
  getSnapshotForExtraction,
  type SnapshotForExtraction,
  SnapshotNotFoundError,
} from "./queries/extractions/get-snapshot-for-extraction.ts";
export { listSnapshotsToReextract } from "./queries/extractions/list-snapshots-to-reextract.ts";
export { listUnextractedSnapshots } from "./queries/extractions/list-unextracted-snapshots.ts";
export {
  type RecordExtractionInput,
  type RecordExtractionResult,
  recordExtraction,
} from "./queries/extractions/record-extraction.ts";
export { pingDatabase } from "./queries/health/ping-database.ts";
export { type CurrentRule, listCurrentRules } from "./queries/rules/list-current-rules.ts";
export { listDocumentSnapshots, type SnapshotSummary } from "./queries/snapshots/list-document-snapshots.ts";
export {
  type RecordedSnapshot,
  type RecordSnapshotInput,
  recordSnapshot,
} from "./queries/snapshots/record-snapshot.ts";
export { getSource, SourceNotFoundError, type SourceRow } from "./queries/sources/get-source.ts";
export { listSourceCrawlStatus, type SourceCrawlStatus } from "./queries/sources/list-source-crawl-status.ts";
export {
  recordSourceHealth,
  type SourceHealth,
} from "./queries/sources/record-source-health.ts";
export { type SyncSourceInput, syncSources } from "./queries/sources/sync-sources.ts";
export { confirmSubscription } from "./queries/subscribers/confirm-subscription.ts";
export { expirePendingSubscribers } from "./queries/subscribers/expire-pending-subscribers.ts";
export { findSubscriberByEmail } from "./queries/subscribers/find-subscriber-by-email.ts";
export { getSubscriberByToken } from "./queries/subscribers/get-subscriber-by-token.ts";
export { issueLinkTokens } from "./queries/subscribers/issue-link-tokens.ts";
export { issueSubscriberToken } from "./queries/subscribers/issue-subscriber-token.ts";
export { listDigestSubscribers } from "./queries/subscribers/list-digest-subscribers.ts";
export { listUnmailedChanges } from "./queries/subscribers/list-unmailed-changes.ts";
export { type SubscribeResult, subscribe } from "./queries/subscribers/subscribe.ts";
export {
  EMAIL_MAX_LENGTH,
  type Preferences,
  type PreferencesInput,
  preferencesSchema,
  type SubscribeInput,
  type SubscriberView,
  subscribeInputSchema,
  subscriberEmailSchema,
  tracksSchema,
} from "./queries/subscribers/subscriber-input.ts";
export {
  CONFIRM_TOKEN_TTL_MS,
  createToken,
  hashToken,
  SubscriptionTokenError,
  type TokenErrorReason,
  type TokenScope,
} from "./queries/subscribers/subscriber-token.ts";
export { unsubscribe } from "./queries/subscribers/unsubscribe.ts";
export { updateSubscriberPreferences } from "./queries/subscribers/update-subscriber-preferences.ts";
export { type CurrentTarget, listCurrentTargets } from "./queries/targets/list-current-targets.ts";
export { listTargetRevisions, type TargetRevision } from "./queries/targets/list-target-revisions.ts";
export { findUrlState, type UrlState } from "./queries/url-states/find-url-state.ts";
export { type CrawlState, listCrawlStates } from "./queries/url-states/list-crawl-states.ts";
export { type RecordUrlStateInput, recordUrlState } from "./queries/url-states/record-url-state.ts";
export { recordUrlStates } from "./queries/url-states/record-url-states.ts";
export {
  type RecordUrlUnchangedInput,
  recordUrlUnchanged,
} from "./queries/url-states/record-url-unchanged.ts";
export { recordUrlsUnchanged } from "./queries/url-states/record-urls-unchanged.ts";
export * as schema from "./schema/index.ts";
