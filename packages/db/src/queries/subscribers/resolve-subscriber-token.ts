import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers, subscriberTokens } from "../../schema/subscribers.ts";
import { hashToken, isWellFormedToken, SubscriptionTokenError, type TokenScope } from "./subscriber-token.ts";

/**
 * The token row and its subscriber, or a SubscriptionTokenError: malformed, unknown (forged),
 * another scope's token, or expired. `forUpdate` locks the subscriber row for a change.
 */
export async function resolveSubscriberToken(
  db: Db,
  input: { token: unknown; scopes: TokenScope[]; now?: Date; forUpdate?: boolean },
) {
  if (!isWellFormedToken(input.token)) throw new SubscriptionTokenError("invalid");
  const query = db
    .select({ token: subscriberTokens, subscriber: subscribers })
    .from(subscriberTokens)
    .innerJoin(subscribers, eq(subscribers.id, subscriberTokens.subscriberId))
    .where(eq(subscriberTokens.tokenHash, hashToken(input.token)));
  const [row] = input.forUpdate ? await query.for("update", { of: subscribers }) : await query;
  if (!row) throw new SubscriptionTokenError("invalid");
  if (!input.scopes.includes(row.token.scope)) throw new SubscriptionTokenError("wrong-scope");
  const now = input.now ?? new Date();
  if (row.token.expiresAt && row.token.expiresAt.getTime() <= now.getTime()) {
    throw new SubscriptionTokenError("expired");
  }
  return row;
}
