import type { Comparator } from "../types.ts";

/**
 * A quantity in a sentence, as extraction uses it. Adapts the numbers module's `Quantity` (its
 * offsets index the sentence); `kind` plain means a bare number with no unit, never a figure.
 */
export interface Figure {
  start: number;
  end: number;
  raw: string;
  value: number;
  valueMax: number | null;
  unit: string;
  kind: "money" | "count" | "percent" | "physical" | "per-unit" | "plain";
  comparator: Comparator;
  approximate: boolean;
  counter: string | null;
  magnitudeQualifier: boolean;
}
