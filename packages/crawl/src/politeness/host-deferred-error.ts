/** The host may not be contacted within the caller's patience (a long Retry-After, a slow peer): try later. */
export class HostDeferredError extends Error {
  constructor(
    readonly host: string,
    readonly retryInMs: number,
  ) {
    super(`${host} is not available for another ${Math.ceil(retryInMs / 1000)} s (politeness)`);
  }
}
