/** What the health check reads of one run (crawl_runs.links_found and .stats). */
export interface RunSignals {
  linksFound: number;
  /** Detail pages decoded this run, by charset (pages answered 304 or unchanged are not decoded). */
  charsets: Record<string, number>;
  /** Decoded detail pages with no main text. */
  withoutMainText: number;
  /** New or changed detail pages read by the extractor (a bounded sample) and how many gave targets. */
  targetSample?: { pages: number; withTargets: number };
}

export type RunHealth = { health: "healthy"; reason: null } | { health: "unhealthy"; reason: string };

/** Fewer links than this share of the usual count means the list selectors stopped matching. */
export const LINK_DROP_RATIO = 0.3;
/** At least this many decoded pages before "no main text" counts: one odd page is not a redesign. */
const MIN_PAGES_FOR_TEXT_CHECK = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function dominantCharset(charsets: Record<string, number>): string | null {
  let best: string | null = null;
  for (const [charset, n] of Object.entries(charsets)) if (!best || n > charsets[best]!) best = charset;
  return best;
}

function decoded(run: RunSignals): number {
  return Object.values(run.charsets).reduce((n, c) => n + c, 0);
}

/**
 * Compares a successful run with the source's recent successful runs (newest first, up to 5):
 * a site redesign shows as list pages with no or far fewer links, detail pages that suddenly
 * have no main text or no targets where most used to have some, or a different charset. Pure: the caller stores the verdict.
 */
export function assessRunHealth(run: RunSignals, history: readonly RunSignals[]): RunHealth {
  const usualLinks = history.length ? median(history.map((h) => h.linksFound)) : null;
  if (run.linksFound === 0) {
    const usual = usualLinks ? ` (usually ${usualLinks})` : "";
    return { health: "unhealthy", reason: `list pages yielded no announcement links${usual}` };
  }
  if (usualLinks !== null && run.linksFound < LINK_DROP_RATIO * usualLinks) {
    return {
      health: "unhealthy",
      reason: `list pages yielded ${run.linksFound} links, far fewer than usual (median ${usualLinks} of the last ${history.length} runs)`,
    };
  }
  const pages = decoded(run);
  if (pages >= MIN_PAGES_FOR_TEXT_CHECK && run.withoutMainText >= pages * 0.8) {
    const before = history.filter((h) => decoded(h) > 0);
    const hadText = before.length === 0 || before.some((h) => h.withoutMainText < decoded(h) * 0.5);
    if (hadText) {
      return {
        health: "unhealthy",
        reason: `${run.withoutMainText} of ${pages} detail pages had no main text`,
      };
    }
  }
  const sample = run.targetSample;
  if (sample && sample.pages >= MIN_PAGES_FOR_TEXT_CHECK && sample.withTargets === 0) {
    const before = history.reduce(
      (all, h) => ({
        pages: all.pages + (h.targetSample?.pages ?? 0),
        withTargets: all.withTargets + (h.targetSample?.withTargets ?? 0),
      }),
      { pages: 0, withTargets: 0 },
    );
    // Only where pages used to have figures: a source of plain notices never had any.
    if (before.pages >= MIN_PAGES_FOR_TEXT_CHECK && before.withTargets >= before.pages / 2) {
      return {
        health: "unhealthy",
        reason: `none of ${sample.pages} new or changed detail pages yielded targets (usually ${Math.round((100 * before.withTargets) / before.pages)}% do)`,
      };
    }
  }
  const charset = dominantCharset(run.charsets);
  const usualCharset = dominantCharset(
    history.reduce<Record<string, number>>((all, h) => {
      for (const [c, n] of Object.entries(h.charsets)) all[c] = (all[c] ?? 0) + n;
      return all;
    }, {}),
  );
  if (charset && usualCharset && charset !== usualCharset && !run.charsets[usualCharset]) {
    return {
      health: "unhealthy",
      reason: `detail pages are now decoded as ${charset} (usually ${usualCharset})`,
    };
  }
  return { health: "healthy", reason: null };
}

/** The signals of a stored run (crawl_runs.links_found and the stats jsonb written by crawlSource). */
export function runSignalsOf(row: { linksFound: number; stats: Record<string, unknown> }): RunSignals {
  const charsets = (row.stats.charsets ?? {}) as Record<string, number>;
  const withoutMainText = typeof row.stats.withoutMainText === "number" ? row.stats.withoutMainText : 0;
  const sample = row.stats.targetSample as RunSignals["targetSample"] | undefined;
  return {
    linksFound: row.linksFound,
    charsets,
    withoutMainText,
    ...(sample && typeof sample.pages === "number" ? { targetSample: sample } : {}),
  };
}
