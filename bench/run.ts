/**
 * Benchmark dispatcher: `npm run bench -- NAME` runs bench/NAME.ts (extract, numbers, ...).
 * Each benchmark is a module that does its work on import and prints its own figures.
 */
import { readdirSync } from "node:fs";

const name = process.argv[2];
const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.includes(".config.") && !f.includes(".test."))
  .map((f) => f.slice(0, -3));

if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- NAME   (one of: ${available.join(", ")})\n`);
  process.exit(2);
}
await import(`./${name}.ts`);
