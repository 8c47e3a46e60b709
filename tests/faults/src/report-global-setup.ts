import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPORT_ENV } from "./report-scenario.ts";

/** Collects every scenario's figures line and prints them together once the suite has run. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "trackwatch-faults-"));
  const file = join(dir, "report.txt");
  process.env[REPORT_ENV] = file;
  const started = Date.now();
  return () => {
    let lines = "";
    try {
      lines = readFileSync(file, "utf8");
    } catch {
      lines = "(no scenario reported figures)\n";
    }
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    process.stdout.write(`\nfault scenarios (${minutes} min):\n${lines.replace(/^/gm, "  ").trimEnd()}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
