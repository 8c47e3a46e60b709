/**
 * True when the server refused this message for good: a 5xx answer to RCPT TO (EENVELOPE) or to
 * the message itself (EMESSAGE). Retrying cannot help, so the delivery is recorded as rejected.
 * 5xx on connect or AUTH is a configuration problem and stays retryable, as do 4xx and network errors.
 */
export function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
  return (
    (code === "EENVELOPE" || code === "EMESSAGE") &&
    typeof responseCode === "number" &&
    responseCode >= 500 &&
    responseCode < 600
  );
}
