/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Locale } from "../i18n/locale.ts";
import { formatAmount } from "./format-value.ts";

export interface ChartSeries {
  key: string;
  metric: string;
  unit: string;
  /** One value per revision, oldest first. */
  points: { at: Date; value: number }[];
}

const WIDTH = 420;
const ROW = 34;
const LABEL_W = 130;
const SPARK_W = 170;
const VALUE_X = LABEL_W + SPARK_W + 14;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One row per target: its metric, a sparkline of its value over the document's revisions (each
 * series scaled to its own range, since units differ) and first → last value. Pure SVG, no script.
 */
export function TrackChart(props: { series: ChartSeries[]; locale: Locale; title: string }) {
  const series = props.series.slice(0, 12);
  const height = series.length * ROW + 8;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={props.title}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{props.title}</title>
      {series.map((s, row) => {
        const top = row * ROW + 6;
        const values = s.points.map((p) => p.value);
        const min = Math.min(...values);
        const max = Math.max(...values);
        const span = max - min || 1;
        const step = s.points.length > 1 ? SPARK_W / (s.points.length - 1) : 0;
        const coords = s.points.map((p, i) => {
          const x = LABEL_W + (s.points.length > 1 ? i * step : SPARK_W / 2);
          const y = max === min ? top + ROW / 2 - 4 : top + (ROW - 12) * (1 - (p.value - min) / span);
          return [Number(x.toFixed(1)), Number(y.toFixed(1))] as const;
        });
        const first = s.points[0];
        const last = s.points[s.points.length - 1];
        const label =
          first && last && first.value !== last.value
            ? `${formatAmount(first.value, s.unit, props.locale)} → ${formatAmount(last.value, s.unit, props.locale)}`
            : last
              ? formatAmount(last.value, s.unit, props.locale)
              : "";
        return (
          <g>
            <text x="0" y={top + ROW / 2}>
              {shorten(s.metric, 14)}
            </text>
            {coords.length > 1 ? (
              <polyline
                fill="none"
                stroke="#0b5cad"
                stroke-width="2"
                points={coords.map(([x, y]) => `${x},${y}`).join(" ")}
              />
            ) : null}
            {coords.map(([x, y], i) => (
              <circle cx={x} cy={y} r="3" fill="#0b5cad">
                <title>{`${s.metric}: ${formatAmount(s.points[i]!.value, s.unit, props.locale)} (${s.points[i]!.at.toISOString().slice(0, 10)})`}</title>
              </circle>
            ))}
            <text x={VALUE_X} y={top + ROW / 2}>
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
