import type { Db } from "@trackwatch/db";

/** Row count and a hash of every row, per table of the public schema. */
export type TableFingerprint = Map<string, { rows: number; md5: string }>;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? result : (result as { rows: Row[] }).rows;

export async function fingerprintTables(db: Db): Promise<TableFingerprint> {
  const tables = rowsOf(
    await db.execute(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    ),
  ).map((r) => String(r.table_name));
  const fingerprint: TableFingerprint = new Map();
  for (const table of tables) {
    const [row] = rowsOf(
      await db.execute(
        // Table names come from the catalog above, not from input.
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from "${table}" t`,
      ),
    );
    fingerprint.set(table, { rows: Number(row?.rows), md5: String(row?.md5) });
  }
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints, with before/after counts. */
export function changedTables(before: TableFingerprint, after: TableFingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name)?.md5 !== after.get(name)?.md5)
    .map((name) => `${name} (${before.get(name)?.rows ?? 0} → ${after.get(name)?.rows ?? 0} rows)`);
}
