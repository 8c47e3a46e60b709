import { policyExtractor, reextractAll } from "@trackwatch/crawler";
import { createDb, migrate } from "@trackwatch/db";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch reextract [--source SOURCE_ID] [--json]

Re-runs the current extractor over each document's newest stored snapshot that it has not read
yet (after an upgrade). Differences from the older extraction of the same snapshot come from the
extractor, not from the policy: they are recorded with extractorOnly = true, shown in the change
log only on request, and never mailed. Safe to interrupt and run again.

  --source SOURCE_ID  only this source's documents
  --json              print the summary as JSON
`;

export const reextractCommand: Command = {
  usage: USAGE,
  async run(argv) {
    let sourceId: string | null = null;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === "--json") json = true;
      else if (arg === "--source") {
        sourceId = argv[++i] ?? null;
        if (!sourceId) throw new UsageError("--source needs a SOURCE_ID");
      } else throw new UsageError(`unexpected argument '${arg}'`);
    }
    const config = getConfig();
    const database = await createDb(config);
    const tty = Boolean(process.stderr.isTTY) && !json;
    try {
      await migrate(database.db);
      const summary = await reextractAll({
        db: database.db,
        extractor: policyExtractor,
        sourceId,
        onProgress: tty ? (done) => process.stderr.write(`\rre-extracted ${done} documents`) : undefined,
      });
      if (tty) process.stderr.write("\n");
      if (json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        const kinds = Object.entries(summary.changesByKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(", ");
        process.stdout.write(
          `re-extracted ${summary.documents} documents with ${summary.extractorVersion}: ` +
            `${summary.changes} extractor-only differences${kinds ? ` (${kinds})` : ""}\n`,
        );
        for (const f of summary.failures)
          process.stdout.write(`  snapshot ${f.snapshotId} failed: ${f.message}\n`);
      }
      return summary.failures.length === 0 ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
