// Child process for the lock tests: opens DATA_DIR (argv[2]) with createDb, migrates, prints
// "ready", and keeps it open until stdin closes. On failure prints the error's message and exits 1.
import { createDb } from "../src/create-db.ts";
import { migrate } from "../src/migrate.ts";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: hold-data-dir.ts DATA_DIR");
try {
  const handle = await createDb({ DATA_DIR: dataDir });
  await migrate(handle.db);
  process.stdout.write("ready\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    void handle.close().then(() => process.exit(0));
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
