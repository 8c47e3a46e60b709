import { defineConfig } from "vitest/config";

// PGlite starts a WASM Postgres (seconds on a busy machine) and PostgreSQL tests create databases.
export default defineConfig({
  test: {
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
