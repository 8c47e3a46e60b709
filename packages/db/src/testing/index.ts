export { createTestDb, ENGINES, type EngineKind, type TestDbOptions } from "./create-test-db.ts";
export {
  makeChange,
  makeCrawlRun,
  makeDelivery,
  makeDocument,
  makeExtraction,
  makeSnapshot,
  makeSource,
  makeSubscriber,
  sha256,
  uniqueSuffix,
} from "./factories.ts";
