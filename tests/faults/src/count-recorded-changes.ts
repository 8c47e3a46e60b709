import { type Db, schema } from "@trackwatch/db";
import { changeIdentity, type ExpectedChange } from "./publish-revision.ts";

export interface ChangeFigures {
  expected: number;
  /** Expected changes found in the change log at least once. */
  recorded: number;
  /** Rows beyond the first for the same expected change. */
  duplicated: number;
  /** Expected changes not in the change log. */
  lost: string[];
  /** Rows after the baseline that no published revision explains (false changes). */
  unexpected: string[];
}

/** The change log after `baselineId`, matched against what the published revisions must produce. */
export async function countRecordedChanges(
  db: Db,
  input: { baselineId: number; expected: ExpectedChange[] },
): Promise<ChangeFigures> {
  const [rows, documents] = await Promise.all([
    db.select().from(schema.changes),
    db.select({ id: schema.documents.id, url: schema.documents.url }).from(schema.documents),
  ]);
  const pathOf = new Map(documents.map((d) => [d.id, new URL(d.url).pathname]));
  const expected = new Set(input.expected.map((c) => changeIdentity({ ...c, url: new URL(c.url).pathname })));
  const seen = new Map<string, number>();
  const unexpected: string[] = [];
  for (const row of rows) {
    if (row.id <= input.baselineId) continue;
    const identity = changeIdentity({ url: pathOf.get(row.documentId) ?? "?", kind: row.kind, key: row.key });
    if (!expected.has(identity)) unexpected.push(identity);
    seen.set(identity, (seen.get(identity) ?? 0) + 1);
  }
  const lost = [...expected].filter((identity) => !seen.has(identity));
  let duplicated = 0;
  for (const [identity, n] of seen) if (expected.has(identity)) duplicated += n - 1;
  return { expected: expected.size, recorded: expected.size - lost.length, duplicated, lost, unexpected };
}
