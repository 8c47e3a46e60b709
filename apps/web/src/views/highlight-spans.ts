export interface Span {
  start: number;
  end: number;
  /** Anchor id so a target row can link to its sentence. */
  id: string;
}

export type Segment = { text: string; mark: null } | { text: string; mark: string };

/**
 * Cuts `text` into plain and marked segments. Spans come from crawled data, so out-of-range,
 * empty and overlapping spans are clipped rather than trusted; the caller renders segments as
 * text nodes, which are escaped.
 */
export function highlightSpans(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const span of valid) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) segments.push({ text: text.slice(at, start), mark: null });
    segments.push({ text: text.slice(start, span.end), mark: span.id });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: null });
  return segments;
}
