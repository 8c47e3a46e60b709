import { describe, expect, it } from "vitest";
import { matchUnit } from "./units.ts";

function unitAfter(s: string) {
  const m = matchUnit(s, 0);
  return m && { unit: m.unit, kind: m.kind, factor: m.factor, rest: s.slice(m.end) };
}

describe("matchUnit", () => {
  it.each([
    ["元", "CNY", "money", 1],
    ["美元", "USD", "money", 1],
    ["港元", "HKD", "money", 1],
    ["欧元", "EUR", "money", 1],
    [" yuan", "CNY", "money", 1],
    [" US dollars", "USD", "money", 1],
    [" U.S. dollars", "USD", "money", 1],
    [" USD", "USD", "money", 1],
    ["%", "percent", "percent", 1],
    [" percent", "percent", "percent", 1],
    ["个百分点", "percentage-point", "percent", 1],
    ["千瓦", "MW", "physical", 1e-3],
    ["兆瓦", "MW", "physical", 1],
    ["GW", "MW", "physical", 1e3],
    [" kilowatts", "MW", "physical", 1e-3],
    ["千瓦时", "MWh", "physical", 1e-3],
    [" TWh", "MWh", "physical", 1e6],
    ["吨", "tonnes", "physical", 1],
    ["公斤", "tonnes", "physical", 1e-3],
    ["立方米", "m3", "physical", 1],
    ["平方米", "sqm", "physical", 1],
    ["平方公里", "sqm", "physical", 1e6],
    ["公顷", "sqm", "physical", 1e4],
    ["公里", "km", "physical", 1],
    ["米", "km", "physical", 1e-3],
    ["微克/立方米", "ug/m3", "physical", 1],
    ["家", "count", "count", 1],
    ["個", "count", "count", 1],
    ["人次", "count", "count", 1],
    ["倍", "times", "plain", 1],
    ["年", "", "skip", 1],
    ["个月", "", "skip", 1],
    ["日", "", "skip", 1],
  ])("%s → %s", (s, unit, kind, factor) => {
    expect(unitAfter(s)).toMatchObject({ unit, kind, factor, rest: "" });
  });

  it.each([
    ["元/人", "CNY/person"],
    ["元/平方米", "CNY/sqm"],
    ["元/千瓦时", "CNY/kWh"],
    ["台/万人", "count/10k-person"],
    ["个/万人", "count/10k-person"],
    ["吨/万元", "tonnes/10k-CNY"],
    ["元/年", "CNY/year"],
    [" yuan per capita", "CNY/person"],
    [" yuan per square meter", "CNY/sqm"],
  ])("per-unit %s → %s", (s, unit) => {
    expect(unitAfter(s)).toMatchObject({ unit, kind: "per-unit", rest: "" });
  });

  it("counts in English need a counted noun within a few words", () => {
    expect(unitAfter(" leading firms")).toMatchObject({ unit: "count", rest: "" });
    expect(unitAfter(" of the firms")).toBeNull();
    expect(unitAfter(" by 2025")).toBeNull();
  });

  it("nothing after a bare number", () => {
    expect(matchUnit("，", 0)).toBeNull();
    expect(matchUnit("", 0)).toBeNull();
  });
});
