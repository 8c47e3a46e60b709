/**
 * Pairs the items of two versions that share an identity key. Several items may share a key (a page
 * can hold two targets keyed metaverse/enterprise-count), so each key is a multiset: equal items pair
 * first, then the closest ones (by `score`), then whatever is left in document order.
 */
export interface Pairing<T> {
  pairs: [before: T, after: T][];
  removed: T[];
  added: T[];
}

export function pairByKey<T extends { key: string }>(
  before: readonly T[],
  after: readonly T[],
  score: (a: T, b: T) => number,
  equal: (a: T, b: T) => boolean,
): Pairing<T> {
  const groups = new Map<string, { before: T[]; after: T[] }>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { before: [], after: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const item of before) group(item.key).before.push(item);
  for (const item of after) group(item.key).after.push(item);

  const pairs: [T, T][] = [];
  const removed: T[] = [];
  const added: T[] = [];
  for (const g of groups.values()) {
    const freeAfter = g.after.map(() => true);
    const leftBefore: T[] = [];
    // 1. identical items: no change, whatever their order.
    for (const b of g.before) {
      const k = g.after.findIndex((a, i) => freeAfter[i] && equal(b, a));
      if (k >= 0) {
        freeAfter[k] = false;
        pairs.push([b, g.after[k]!]);
      } else leftBefore.push(b);
    }
    // 2. closest remaining items (same value first), best pairs first over the whole group, ties
    //    broken by document order.
    const candidates: { b: number; a: number; s: number }[] = [];
    leftBefore.forEach((b, bi) => {
      g.after.forEach((a, ai) => {
        if (freeAfter[ai]) candidates.push({ b: bi, a: ai, s: score(b, a) });
      });
    });
    candidates.sort((x, y) => y.s - x.s || x.b - y.b || x.a - y.a);
    const takenBefore = leftBefore.map(() => false);
    for (const c of candidates) {
      if (takenBefore[c.b] || !freeAfter[c.a]) continue;
      takenBefore[c.b] = true;
      freeAfter[c.a] = false;
      pairs.push([leftBefore[c.b]!, g.after[c.a]!]);
    }
    leftBefore.forEach((b, bi) => {
      if (!takenBefore[bi]) removed.push(b);
    });
    g.after.forEach((a, i) => {
      if (freeAfter[i]) added.push(a);
    });
  }
  return { pairs, removed, added };
}
