import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from the schema; they are committed under drizzle/ and applied by migrate().
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
