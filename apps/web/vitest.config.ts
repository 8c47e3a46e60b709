import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files share the one Redis and the machine's two cores.
    fileParallelism: false,
  },
});
