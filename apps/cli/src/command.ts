/** A `trackwatch` subcommand. `run` returns the process exit code. */
export interface Command {
  /** Full usage, printed by `trackwatch NAME --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Bad use of a command: printed as one line with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
