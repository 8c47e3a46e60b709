/** Misbehaviours a test can switch on for one path, for every list or detail page, or for all pages. */
export type FixtureFault =
  /** Any status with a short HTML body; 503/429 may carry Retry-After (seconds). */
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** Waits before sending headers. */
  | { kind: "slow"; delayMs: number }
  /** Sends headers at once, then one byte every `intervalMs` until the client gives up. */
  | { kind: "slowloris"; intervalMs?: number }
  /** A page of `bytes` (default 30 MB), streamed without Content-Length unless `declareLength`. */
  | { kind: "huge"; bytes?: number; declareLength?: boolean }
  /** A small gzip body that inflates to `bytes` (default 200 MB). */
  | { kind: "gzip-bomb"; bytes?: number }
  /** 302 to itself with a growing query string, forever. */
  | { kind: "redirect-loop" }
  /** A redirect to any URL, e.g. another host or port. */
  | { kind: "redirect"; location: string; status?: 301 | 302 | 307 | 308 }
  /** The page disappeared: 404 or 410; it stays listed (a dead link). */
  | { kind: "gone"; status?: 404 | 410 }
  /** The CMS's error page with status 200. */
  | { kind: "error-page" }
  /** Alternates between the current and the previous version of the plan on every request. */
  | { kind: "flip" }
  /** A detail page served as UTF-8 with a few invalid byte sequences in its footer. */
  | { kind: "invalid-utf8" }
  /** A detail page's bytes in the other charset (GBK ↔ UTF-8) under its usual Content-Type and <meta> labels. */
  | { kind: "mislabelled-charset" }
  /** A visitor counter and the time in the footer, different on every response. */
  | { kind: "dynamic-footer" }
  /** Drops the connection without answering. */
  | { kind: "reset" };

/** Where a fault applies: an exact path, "list:*", "detail:*" or "*" (everything but robots.txt). */
export type FaultScope = string;

export interface ActiveFault {
  fault: FixtureFault;
  /** Remaining responses it applies to; undefined for "until cleared". */
  remaining?: number;
}

export class FaultTable {
  private readonly faults = new Map<FaultScope, ActiveFault>();

  set(scope: FaultScope, fault: FixtureFault | null, options: { times?: number } = {}): void {
    if (fault === null) {
      this.faults.delete(scope);
      return;
    }
    this.faults.set(scope, { fault, remaining: options.times });
  }

  clear(): void {
    this.faults.clear();
  }

  /** The most specific fault for a request, consuming one use of a counted fault. */
  take(path: string, pageKind: "list" | "detail" | "attachment" | "other"): FixtureFault | null {
    const scopes = [path, `${pageKind}:*`, "*"];
    for (const scope of scopes) {
      const active = this.faults.get(scope);
      if (!active) continue;
      if (active.remaining !== undefined) {
        active.remaining -= 1;
        if (active.remaining <= 0) this.faults.delete(scope);
      }
      return active.fault;
    }
    return null;
  }
}
