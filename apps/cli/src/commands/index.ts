import type { Command } from "../command.ts";
import { demoCommand } from "./demo.ts";
import { digestCommand } from "./digest.ts";
import { extractCommand } from "./extract.ts";
import { migrateCommand } from "./migrate.ts";
import { onceCommand } from "./once.ts";
import { recrawlCommand } from "./recrawl.ts";
import { reextractCommand } from "./reextract.ts";
import { sourcesCommand } from "./sources.ts";
import { startCommand } from "./start.ts";

// Each command lives in its own file; add it here to make it reachable.
export const COMMANDS: Command[] = [
  demoCommand,
  digestCommand,
  extractCommand,
  migrateCommand,
  onceCommand,
  recrawlCommand,
  reextractCommand,
  sourcesCommand,
  startCommand,
];
