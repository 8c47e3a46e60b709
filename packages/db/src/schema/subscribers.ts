import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const FREQUENCIES = ["immediate", "daily", "weekly"] as const;
export const LOCALES = ["zh", "en"] as const;
export const SUBSCRIBER_STATUSES = ["pending", "active", "unsubscribed", "expired"] as const;

/**
 * A digest subscriber. The address is unique case-insensitively (a unique index on lower(email)).
 * Tokens are stored only as sha256 hashes, one per scope. `lastChangeId` is the highest change
 * already covered by a digest window, so each change is mailed at most once.
 */
export const subscribers = pgTable(
  "subscribers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    tracks: jsonb("tracks").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull().default("daily"),
    locale: text("locale", { enum: LOCALES }).notNull().default("zh"),
    status: text("status", { enum: SUBSCRIBER_STATUSES }).notNull().default("pending"),
    confirmTokenHash: text("confirm_token_hash"),
    manageTokenHash: text("manage_token_hash"),
    unsubscribeTokenHash: text("unsubscribe_token_hash"),
    lastChangeId: bigint("last_change_id", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    confirmationSentAt: timestamp("confirmation_sent_at", { withTimezone: true }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("subscribers_email_lower_uq").on(sql`lower(${t.email})`),
    index("subscribers_confirm_idx").on(t.confirmTokenHash),
    index("subscribers_manage_idx").on(t.manageTokenHash),
    index("subscribers_unsubscribe_idx").on(t.unsubscribeTokenHash),
  ],
);

export const DELIVERY_KINDS = ["digest", "confirmation", "alert"] as const;
export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "rejected"] as const;

/**
 * The outbox: one row per recipient and window (`windowKey`, e.g. `daily:2026-11-28` or
 * `confirm:<subscriber>:<n>`), written before any mail job is enqueued. A row marked sent is
 * never sent again; pending rows are re-enqueued from here when Redis lost its jobs.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: DELIVERY_KINDS }).notNull(),
    subscriberId: uuid("subscriber_id").references(() => subscribers.id),
    recipient: text("recipient").notNull(),
    windowKey: text("window_key").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    /** The changes a digest covers (ids), or the data a confirmation/alert needs. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("deliveries_subscriber_window_uq").on(t.subscriberId, t.windowKey),
    uniqueIndex("deliveries_recipient_window_uq").on(t.recipient, t.windowKey),
    index("deliveries_status_idx").on(t.status),
  ],
);

export const TOKEN_SCOPES = ["confirm", "manage", "unsubscribe"] as const;

/**
 * Link tokens, stored only as sha256 hashes. One row per token minted for a mail (rather than one
 * hash column per scope on `subscribers`) because a digest must carry working manage and
 * unsubscribe links although the raw token cannot be recovered from a hash: every mail mints its
 * own, and the links of older mails keep working. `data` holds what a confirm token applies
 * (the preferences asked for), so subscribing an active address changes nothing until confirmed.
 */
export const subscriberTokens = pgTable(
  "subscriber_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    subscriberId: uuid("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    data: jsonb("data").$type<Record<string, unknown> | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("subscriber_tokens_subscriber_idx").on(t.subscriberId, t.scope)],
);
