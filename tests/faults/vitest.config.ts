import { defineConfig } from "vitest/config";

// Each scenario starts and kills real processes and servers on a 2-core machine: one file at a time,
// with generous bounds. The whole suite must finish in under 15 minutes (issue 10).
export default defineConfig({
  test: {
    include: ["scenarios/**/*.faults.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ["./src/report-global-setup.ts"],
  },
});
