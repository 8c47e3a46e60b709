import { describe, expect, it } from "vitest";
import { isClosedSocketWrite } from "./survive-closed-socket-write.ts";

describe("isClosedSocketWrite", () => {
  it("recognises postgres.js writing to a dropped socket and nothing else", () => {
    const bug = new TypeError("Cannot read properties of null (reading 'write')");
    bug.stack = `${bug.name}: ${bug.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isClosedSocketWrite(bug)).toBe(true);
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `${elsewhere.name}: ${elsewhere.message}\n    at nextWrite (file:///app/src/mine.ts:1:1)`;
    expect(isClosedSocketWrite(elsewhere)).toBe(false);
    expect(isClosedSocketWrite(new Error("connection refused"))).toBe(false);
  });
});
