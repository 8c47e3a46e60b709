import {
  type Db,
  type RecordUrlStateInput,
  type RecordUrlUnchangedInput,
  recordUrlStates,
  recordUrlsUnchanged,
} from "@trackwatch/db";

/** Pages whose bookkeeping is written in one go. */
const MAX_PENDING = 50;
/** A slow (spaced) crawl still writes its bookkeeping within this long. */
const MAX_AGE_MS = 5_000;

export interface CrawlWriteBuffer {
  /** recordUrlState, written with the next batch. */
  urlState(input: RecordUrlStateInput): Promise<void>;
  /** recordUrlUnchanged for a document known to have a stored version, written with the next batch. */
  unchanged(input: RecordUrlUnchangedInput): Promise<void>;
  /** Writes everything pending; throws if a write failed since the last flush. */
  flush(): Promise<void>;
}

/**
 * The per-page bookkeeping a crawl writes after the page's outcome is settled (url states, "seen
 * and not modified" marks), batched into a few statements. Losing a batch (a crash) costs only a
 * refetch next run: a page is stored content-addressed, so the same body finds the same snapshot.
 */
export function createCrawlWriteBuffer(db: Db): CrawlWriteBuffer {
  let states: RecordUrlStateInput[] = [];
  let unchanged: RecordUrlUnchangedInput[] = [];
  let oldest = 0;
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  function write(): Promise<void> {
    const batch = { states, unchanged };
    states = [];
    unchanged = [];
    writing = writing.then(async () => {
      try {
        if (batch.unchanged.length > 0) await recordUrlsUnchanged(db, batch.unchanged);
        if (batch.states.length > 0) await recordUrlStates(db, batch.states);
      } catch (error) {
        failure ??= error;
      }
    });
    return writing;
  }

  async function added(): Promise<void> {
    const pending = states.length + unchanged.length;
    if (pending === 1) oldest = Date.now();
    if (pending >= MAX_PENDING || Date.now() - oldest >= MAX_AGE_MS) await write();
  }

  return {
    urlState(input) {
      states.push(input);
      return added();
    },
    unchanged(input) {
      unchanged.push(input);
      return added();
    },
    async flush() {
      await write();
      if (failure) {
        const error = failure;
        failure = null;
        throw error;
      }
    },
  };
}
