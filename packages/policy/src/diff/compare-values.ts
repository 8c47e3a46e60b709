/**
 * Field equality for diffs: null and undefined are the same absence, numbers within float noise are
 * equal, and strings equal up to width (NFKC) and whitespace.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const an = a ?? null;
  const bn = b ?? null;
  if (typeof an === "number" && typeof bn === "number") {
    if (an === bn) return true;
    const scale = Math.max(Math.abs(an), Math.abs(bn));
    return Math.abs(an - bn) <= scale * 1e-9;
  }
  if (typeof an === "string" && typeof bn === "string")
    return an === bn || canonicalText(an) === canonicalText(bn);
  return an === bn;
}

// A title re-typeset with full-width brackets or an extra space is the same title.
function canonicalText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "");
}

/** The names of `fields` whose values differ between `a` and `b`, in the order given. */
export function differingFields<T extends object>(
  a: T,
  b: T,
  fields: readonly (keyof T & string)[],
): string[] {
  return fields.filter((f) => !sameValue(a[f], b[f]));
}
