import { createDb, migrate } from "@trackwatch/db";
import { type Command, UsageError } from "../command.ts";
import { getConfig } from "../env.ts";

const USAGE = `
usage: trackwatch migrate

Applies the committed database migrations and prints where. Without DATABASE_URL the embedded
PGlite database under DATA_DIR/pglite is used (one process at a time: a running
\`trackwatch start\` holds it); with DATABASE_URL=postgres://... that PostgreSQL database.
Safe to run again: an up-to-date schema is left as it is.
`;

export const migrateCommand: Command = {
  usage: USAGE,
  async run(argv) {
    if (argv.length > 0) throw new UsageError(`unexpected argument '${argv[0]}'`);
    const config = getConfig();
    const started = performance.now();
    const database = await createDb(config);
    try {
      const { applied, total } = await migrate(database.db);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const what =
        applied === 0 ? "already up to date" : `applied ${applied} migration${applied === 1 ? "" : "s"}`;
      process.stdout.write(`migrated ${database.location}: ${what} (${total} in total, ${seconds}s)\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};
