import { ConfigError } from "@trackwatch/config";
import { UsageError } from "./command.ts";
import { COMMANDS, type CommandEntry } from "./commands/index.ts";

function printHelp(commands: CommandEntry[]): void {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  process.stdout.write(
    [
      "trackwatch: watches policy announcements for new industrial tracks and mails digests of changes",
      "",
      "usage: trackwatch COMMAND [options]",
      "",
      "commands:",
      ...lines,
      "",
      "Run `trackwatch COMMAND --help` for a command's options.",
      "",
    ].join("\n"),
  );
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    printHelp(COMMANDS);
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`trackwatch: unknown command '${name}' (see trackwatch --help)\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${command.usage.trim()}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`trackwatch ${name}: ${error.message} (see trackwatch ${name} --help)\n`);
      return 2;
    }
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`trackwatch ${name}: ${message.split("\n")[0]}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
