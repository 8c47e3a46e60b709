import { appendFileSync } from "node:fs";

/** Where scenarios append their figures; set by the global setup, which prints them at the end. */
export const REPORT_ENV = "TRACKWATCH_FAULTS_REPORT";

export type ScenarioFigures = Record<string, number | string>;

/**
 * Records one scenario's figures as a single line ("killed workers: iterations 30, changes expected
 * 120 / recorded 120 / duplicated 0, …"), printed now and again in the suite's closing summary.
 */
export function reportScenario(scenario: string, figures: ScenarioFigures): string {
  const line = `${scenario}: ${Object.entries(figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ")}`;
  console.log(`FAULTS ${line}`);
  const file = process.env[REPORT_ENV];
  if (file) appendFileSync(file, `${line}\n`);
  return line;
}
