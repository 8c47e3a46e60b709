import { defineConfig } from "vitest/config";

// The integration tests share one PostgreSQL server, Redis and the 2-core machine: run files one
// after another, with room for SMTP outages and crash recovery.
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
