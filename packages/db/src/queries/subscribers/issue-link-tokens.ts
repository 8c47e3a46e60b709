import type { Db } from "../../db-type.ts";
import { subscriberTokens } from "../../schema/subscribers.ts";
import { createToken, hashToken } from "./subscriber-token.ts";

/** The manage and unsubscribe tokens one digest carries, minted in one statement. */
export async function issueLinkTokens(
  db: Db,
  input: { subscriberId: string },
): Promise<{ manage: string; unsubscribe: string }> {
  const manage = createToken();
  const unsubscribe = createToken();
  await db.insert(subscriberTokens).values([
    { tokenHash: hashToken(manage), subscriberId: input.subscriberId, scope: "manage" },
    { tokenHash: hashToken(unsubscribe), subscriberId: input.subscriberId, scope: "unsubscribe" },
  ]);
  return { manage, unsubscribe };
}
