import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests open PGlite, run migrations and drive real servers and Chromium.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
