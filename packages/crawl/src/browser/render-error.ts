export type RenderErrorKind =
  | "outside-allow"
  | "blocked-address"
  | "timeout"
  | "http-4xx"
  | "http-5xx"
  | "navigation";

/** A page the browser could not render; `retryable` as for fetch failures. */
export class RenderError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: RenderErrorKind,
    message: string,
    readonly url: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.retryable = kind === "timeout" || kind === "http-5xx" || kind === "navigation";
  }
}
