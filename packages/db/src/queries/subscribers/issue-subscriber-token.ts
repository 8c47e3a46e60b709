import type { Db } from "../../db-type.ts";
import { subscriberTokens } from "../../schema/subscribers.ts";
import { CONFIRM_TOKEN_TTL_MS, createToken, hashToken, type TokenScope } from "./subscriber-token.ts";

/**
 * Mints a link token for one mail and stores its hash; returns the raw token, which exists only in
 * that mail. Confirm tokens expire after 7 days; manage and unsubscribe links keep working.
 */
export async function issueSubscriberToken(
  db: Db,
  input: { subscriberId: string; scope: TokenScope; data?: Record<string, unknown> | null; now?: Date },
): Promise<string> {
  const token = createToken();
  const now = input.now ?? new Date();
  await db.insert(subscriberTokens).values({
    tokenHash: hashToken(token),
    subscriberId: input.subscriberId,
    scope: input.scope,
    data: input.data ?? null,
    createdAt: now,
    expiresAt: input.scope === "confirm" ? new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS) : null,
  });
  return token;
}
