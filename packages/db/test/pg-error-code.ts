/**
 * The SQLSTATE of a rejected query. Drizzle wraps driver errors (cause), and PGlite and
 * postgres.js both expose `code`, so tests assert the same thing on both engines.
 */
export async function pgErrorCode(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    }
    throw error;
  }
  throw new Error("expected the query to be refused, but it succeeded");
}

export const UNIQUE_VIOLATION = "23505";
/** Raised by the append-only trigger on `changes`. */
export const RESTRICT_VIOLATION = "23001";
