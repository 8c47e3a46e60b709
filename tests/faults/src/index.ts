export { REPORT_ENV, reportScenario, type ScenarioFigures } from "./report-scenario.ts";
