import { type Db, listUnextractedSnapshots } from "@trackwatch/db";
import { type ExtractQueue, enqueueExtracts } from "@trackwatch/queue";

/**
 * The extract queue's sweep: every document whose current snapshot has no extraction gets an
 * extract job again. Its job was lost if Redis restarted empty or the crawler died between storing
 * the snapshot and enqueueing it; a re-crawl would not bring it back (the page is unchanged, so no
 * new snapshot). A snapshot with a live job joins it (deduplication); one extracted meanwhile is a
 * no-op (extraction is idempotent per snapshot and extractor version).
 */
export async function requeueUnextractedSnapshots(db: Db, extractQueue: ExtractQueue): Promise<number> {
  const pending = await listUnextractedSnapshots(db, { limit: 10_000 });
  await enqueueExtracts(extractQueue, pending);
  return pending.length;
}
