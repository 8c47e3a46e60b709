import { describe, expect, it } from "vitest";
import { comparatorAfter, comparatorBefore } from "./comparators.ts";

describe("comparatorBefore", () => {
  it.each([
    ["达到", ">="],
    ["達到", ">="],
    ["力争达到", ">="],
    ["不少于", ">="],
    ["不低于", ">="],
    ["至少", ">="],
    ["增至", ">="],
    ["超过", ">"],
    ["超過", ">"],
    ["突破", ">"],
    ["力争突破", ">"],
    ["大于", ">"],
    ["超", ">"],
    ["不超过", "<="],
    ["不超過", "<="],
    ["控制在", "<="],
    ["最高", "<="],
    ["最高可达", "<="],
    ["上限为", "<="],
    ["封顶", "<="],
    ["低于", "<"],
    ["近", "<"],
    ["约", "="],
    ["exceed ", ">"],
    ["more than ", ">"],
    ["over ", ">"],
    ["top ", ">"],
    ["above ", ">"],
    ["past ", ">"],
    ["at least ", ">="],
    ["reach ", ">="],
    ["up to ", "<="],
    ["no more than ", "<="],
    ["not exceeding ", "<="],
    ["less than ", "<"],
    ["about ", "="],
  ])("%s", (cue, comparator) => {
    const s = `规模${cue}`;
    expect(comparatorBefore(s, s.length)?.comparator).toBe(comparator);
  });

  it("reaches over a short noun phrase: 不超过项目投资30%", () => {
    const s = "给予不超过项目投资";
    expect(comparatorBefore(s, s.length)).toMatchObject({ comparator: "<=", cue: "不超过", start: 2 });
  });

  it("does not reach across punctuation or far", () => {
    expect(comparatorBefore("达到国际先进水平，", 9)).toBeNull();
    expect(comparatorBefore("达到国际领先水平的企业", 11)).toBeNull();
  });

  it("a word merely ending like a cue is not one", () => {
    expect(comparatorBefore("the cover ", 10)).toBeNull();
    expect(comparatorBefore("desktop ", 8)).toBeNull();
  });
});

describe("comparatorAfter", () => {
  it.each([
    ["以上", ">="],
    ["及以上", ">="],
    ["以内", "<="],
    ["以下", "<="],
    ["封顶", "<="],
    ["为上限", "<="],
    ["左右", "="],
    [" or more", ">="],
    [" and above", ">="],
    [" or less", "<="],
  ])("%s", (cue, comparator) => {
    expect(comparatorAfter(cue, 0)?.comparator).toBe(comparator);
  });
  it("nothing after", () => {
    expect(comparatorAfter("的企业", 0)).toBeNull();
  });
});
