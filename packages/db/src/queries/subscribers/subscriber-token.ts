import { createHash, randomBytes } from "node:crypto";
import type { TOKEN_SCOPES } from "../../schema/subscribers.ts";

export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** 256 random bits; base64url keeps the token URL-safe (43 characters). */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** How long a confirmation link works; an unconfirmed subscription expires with it. */
export const CONFIRM_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

// Random bytes drawn 8 KiB at a time: a digest run mints two tokens per mail, and one
// randomBytes call per token cost more than the rest of minting it.
const POOL_BYTES = 8_192;
let pool = Buffer.alloc(0);
let poolOffset = 0;

export function createToken(): string {
  if (poolOffset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const token = pool.toString("base64url", poolOffset, poolOffset + TOKEN_BYTES);
  // Zeroed once handed out: the pool keeps no copy of a live token.
  pool.fill(0, poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

/** Only this hash is stored; a leaked database gives no working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_SHAPE.test(token);
}

export type TokenErrorReason = "invalid" | "expired" | "wrong-scope";

/** A link token that does not open anything. The message is safe to show to the visitor. */
export class SubscriptionTokenError extends Error {
  override name = "SubscriptionTokenError";
  constructor(readonly reason: TokenErrorReason) {
    super(
      reason === "expired"
        ? "this link has expired; subscribe again to get a new one"
        : "this link is not valid; use the link from your most recent email",
    );
  }
}
