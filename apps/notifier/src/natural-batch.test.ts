import { describe, expect, it } from "vitest";
import { naturalBatch } from "./natural-batch.ts";

describe("naturalBatch", () => {
  it("sends the first call alone and the calls made meanwhile together, each getting its answer", async () => {
    const batches: number[][] = [];
    const double = naturalBatch(async (inputs: number[]) => {
      batches.push(inputs);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return inputs.map((n) => n * 2);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => double(n)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every caller of a failed batch and carries on with the next", async () => {
    let calls = 0;
    const run = naturalBatch(async (inputs: string[]) => {
      calls++;
      if (calls === 1) throw new Error("database down");
      return inputs;
    });
    await expect(run("a")).rejects.toThrow("database down");
    expect(await run("b")).toBe("b");
  });
});
