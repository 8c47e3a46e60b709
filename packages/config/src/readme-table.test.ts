import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "./env-schema.ts";

// The README's configuration table is documentation users copy from; it must name exactly the
// variables the schema reads.
describe("README configuration table", () => {
  it("lists every variable of the schema and nothing else", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const table = readme.split("<!-- config-table:start -->")[1]?.split("<!-- config-table:end -->")[0] ?? "";
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});
