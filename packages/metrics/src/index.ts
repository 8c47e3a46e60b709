export { createMetrics, type QueueLike, type TrackwatchMetrics, type WorkerLike } from "./create-metrics.ts";
export { type MetricsServer, serveMetrics } from "./serve-metrics.ts";
