import type { Db } from "../../db-type.ts";
import { resolveSubscriberToken } from "./resolve-subscriber-token.ts";
import type { SubscriberView } from "./subscriber-input.ts";
import type { TokenScope } from "./subscriber-token.ts";
import { toSubscriberView } from "./to-subscriber-view.ts";

/**
 * The subscriber a manage or unsubscribe link belongs to, for the preferences page and the
 * unsubscribe page's button. Throws SubscriptionTokenError when the link opens nothing.
 */
export async function getSubscriberByToken(
  db: Db,
  input: { token: unknown; scope: Exclude<TokenScope, "confirm"> },
): Promise<SubscriberView> {
  // A manage link may also unsubscribe; an unsubscribe link cannot change preferences.
  const scopes: TokenScope[] = input.scope === "unsubscribe" ? ["unsubscribe", "manage"] : ["manage"];
  const { subscriber } = await resolveSubscriberToken(db, { token: input.token, scopes });
  return toSubscriberView(subscriber);
}
