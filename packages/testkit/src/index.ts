export { buildDocx, buildPdf, buildScannedPdf } from "./attachments/build-attachments.ts";
export type { FixtureAttachment, FixtureDocument, FixtureSiteStyle } from "./fixture-site/catalog.ts";
export type { FaultScope, FixtureFault } from "./fixture-site/faults.ts";
export {
  buildPlan,
  FIXTURE_TRACKS,
  type FixtureTrack,
  type PlanContent,
  type PlanRule,
  type PlanTarget,
  renderTargetSentence,
  revisePlan,
  TRACK_NAMES,
} from "./fixture-site/plan.ts";
export { SEED_DOCUMENT_IDS } from "./fixture-site/seed-documents.ts";
export {
  type FixtureSite,
  type FixtureSiteOptions,
  type FixtureSiteStats,
  type FixtureSourceDefinition,
  startFixtureSite,
} from "./fixture-site/start-fixture-site.ts";
export {
  type SinkMessage,
  type SmtpSink,
  type SmtpSinkOptions,
  startSmtpSink,
} from "./smtp-sink/start-smtp-sink.ts";
