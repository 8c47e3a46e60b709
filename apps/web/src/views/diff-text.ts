export type DiffOp = { op: "same" | "del" | "ins"; text: string };

/** Beyond this many cells the middle is shown as replaced wholesale instead of aligned. */
const MAX_CELLS = 2_000_000;

/** Sentences end at 。！？；, a line break, or an ASCII full stop followed by space. */
export function splitSentences(text: string): string[] {
  return text.match(/[^。！？；!?\n]*(?:[。！？；!?]+|\n+|$)/g)?.filter((s) => s.length > 0) ?? [];
}

/**
 * Sentence-level diff of two versions of extracted text (LCS over sentences after trimming the
 * common head and tail, which is where most revisions leave the text alone).
 */
export function diffText(before: string, after: string): DiffOp[] {
  const a = splitSentences(before);
  const b = splitSentences(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const ops: DiffOp[] = a.slice(0, head).map((text) => ({ op: "same", text }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  if (midA.length * midB.length > MAX_CELLS) {
    for (const text of midA) ops.push({ op: "del", text });
    for (const text of midB) ops.push({ op: "ins", text });
  } else {
    const n = midA.length;
    const m = midB.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i]![j] =
          midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ op: "same", text: midA[i]! });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        // Deletions first on a tie, so a replaced sentence reads old then new.
        ops.push({ op: "del", text: midA[i]! });
        i++;
      } else {
        ops.push({ op: "ins", text: midB[j]! });
        j++;
      }
    }
  }
  for (const text of a.slice(a.length - tail)) ops.push({ op: "same", text });
  return ops;
}
