export { createDb, type Database, type DbConfig, DbConnectError, IN_MEMORY } from "./create-db.ts";
export type { Db } from "./db-type.ts";
export { MIGRATIONS_FOLDER, migrate } from "./migrate.ts";
export { DataDirLockedError } from "./pglite-lock.ts";
export { confirmSubscription } from "./queries/subscribers/confirm-subscription.ts";
export { expirePendingSubscribers } from "./queries/subscribers/expire-pending-subscribers.ts";
export { findSubscriberByEmail } from "./queries/subscribers/find-subscriber-by-email.ts";
export { getSubscriberByToken } from "./queries/subscribers/get-subscriber-by-token.ts";
export { issueSubscriberToken } from "./queries/subscribers/issue-subscriber-token.ts";
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
export * as schema from "./schema/index.ts";
