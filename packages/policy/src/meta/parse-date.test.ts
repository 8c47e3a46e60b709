import { describe, expect, it } from "vitest";
import { parseDate } from "./parse-date.ts";

describe("parseDate", () => {
  it.each([
    ["2022-07-08", "2022-07-08"],
    ["2022年07月08日", "2022-07-08"],
    ["2022年7月8日", "2022-07-08"],
    ["２０２２年７月８日", "2022-07-08"],
    ["2024/5/20 10:00", "2024-05-20"],
    ["发布时间：2023.04.25", "2023-04-25"],
    ["Published: Jul 11, 2022 | Updated", "2022-07-11"],
    ["12 July 2022", "2022-07-12"],
    ["2023-11-02T08:00:00+08:00", "2023-11-02"],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it("returns null for non-dates and impossible dates", () => {
    expect(parseDate("沪府办发〔2022〕12号")).toBeNull();
    expect(parseDate("2022-13-45")).toBeNull();
    expect(parseDate("")).toBeNull();
  });
});
