import type { Lexicon } from "./lexicon.ts";

export interface TrackMention {
  start: number;
  end: number;
  track: string;
}

export interface TrackMatcher {
  find(text: string): TrackMention[];
}

const cache = new WeakMap<Lexicon, TrackMatcher>();

function escapeRegExp(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One regex over all terms, longest first; Latin terms match whole words, case-insensitively. */
export function createTrackMatcher(lexicon: Lexicon): TrackMatcher {
  const cached = cache.get(lexicon);
  if (cached) return cached;
  const slugOf = new Map<string, string>();
  for (const [slug, def] of Object.entries(lexicon)) {
    for (const term of def.terms) {
      const key = term.toLowerCase();
      if (!slugOf.has(key)) slugOf.set(key, slug);
    }
  }
  const terms = [...slugOf.keys()].sort((a, b) => b.length - a.length);
  const pattern = terms
    .map((t) =>
      /^[\x20-\x7e]+$/.test(t) ? `(?<![A-Za-z])${escapeRegExp(t)}s?(?![A-Za-z])` : escapeRegExp(t),
    )
    .join("|");
  const re = pattern ? new RegExp(pattern, "gi") : null;
  const matcher: TrackMatcher = {
    find(text: string): TrackMention[] {
      if (!re) return [];
      const out: TrackMention[] = [];
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        const raw = m[0].toLowerCase();
        const track = slugOf.get(raw) ?? slugOf.get(raw.replace(/s$/, ""));
        if (track) out.push({ start: m.index!, end: m.index! + m[0].length, track });
      }
      return out;
    },
  };
  cache.set(lexicon, matcher);
  return matcher;
}
