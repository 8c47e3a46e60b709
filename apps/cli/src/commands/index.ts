import type { Command } from "../command.ts";
import { digestCommand } from "./digest.ts";
import { extractCommand } from "./extract.ts";
import { migrateCommand } from "./migrate.ts";

// Each command lives in its own file; add it here to make it reachable.
export const COMMANDS: Command[] = [digestCommand, extractCommand, migrateCommand];
