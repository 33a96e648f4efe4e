/**
 * Geometry and text of the per-position staffing chart (actuals over time against the mandated line and
 * the optimal band). Pure numbers and strings, shared by the webview (which draws it with DOM calls) and
 * the HTML export (which writes it as escaped SVG), so both show the same chart.
 */
import type { StaffingRow } from './core/summary';
import { maxOf, minOf } from './core/arrays';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Inner margin, so the markers at the edges are not cut. */
  readonly padding: number;
}

export const defaultChartBox: ChartBox = { width: 132, height: 40, padding: 5 };

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly fiscalYear: number;
  readonly value: number;
  readonly belowMinimum: boolean;
  readonly belowOptimal: boolean;
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  /** The actuals, left to right. */
  readonly points: readonly ChartPoint[];
  /** The SVG `points` attribute of the actuals line (empty with fewer than two points). */
  readonly polyline: string;
  /** y of the mandated-minimum line, when the position has a minimum. */
  readonly minimumY?: number;
  /** The optimal band over the fiscal years it covers, when the position has a full range. */
  readonly band?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** What the chart shows, in words (the chart's `aria-label`). */
  readonly label: string;
}

/** "1,748": thousands separators, as GAO prints head counts. */
export function formatNumber(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(value)).split('.');
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction !== undefined ? `.${fraction}` : '');
}

/**
 * Lays out one position's chart. `fiscalYears` are the x positions (the table's year columns, so the
 * charts of one table line up); years outside them are ignored.
 */
export function chartGeometry(row: StaffingRow, fiscalYears: readonly number[], box: ChartBox = defaultChartBox): ChartGeometry {
  const years = fiscalYears.length > 0 ? fiscalYears : row.actuals.map((cell) => cell.fiscalYear);
  const first = years[0] ?? 0;
  const last = years[years.length - 1] ?? first;
  const values = row.actuals.map((cell) => cell.value);
  const optimal = row.optimal;
  const references = [row.mandatedMinimum, optimal?.min, optimal?.max].filter((value): value is number => value !== undefined && Number.isFinite(value));
  const all = [...values, ...references];
  let low = minOf(all, 0);
  let high = maxOf(all, 1);
  if (high === low) {
    high += 1;
    low -= 1;
  }
  const spread = high - low;
  low -= spread * 0.08;
  high += spread * 0.08;
  const { width, height, padding } = box;
  const x = (year: number) => (last === first ? width / 2 : padding + ((year - first) / (last - first)) * (width - 2 * padding));
  const y = (value: number) => round(padding + (1 - (value - low) / (high - low)) * (height - 2 * padding));
  const points: ChartPoint[] = row.actuals
    .filter((cell) => cell.fiscalYear >= first && cell.fiscalYear <= last)
    .map((cell) => ({ x: round(x(cell.fiscalYear)), y: y(cell.value), fiscalYear: cell.fiscalYear, value: cell.value, belowMinimum: cell.belowMinimum, belowOptimal: cell.belowOptimal }));
  let band: ChartGeometry['band'];
  if (optimal?.min !== undefined && optimal.max !== undefined && optimal.max >= optimal.min) {
    const from = Math.max(optimal.startYear ?? first, first);
    const to = Math.min(optimal.endYear ?? last, last);
    if (from <= to) {
      // A band over one year (or a one-year chart) gets a visible width around its point.
      const half = last === first ? width / 2 - padding : Math.min(4, (width - 2 * padding) / (2 * Math.max(years.length - 1, 1)));
      const left = Math.max(0, x(from) - (from === to ? half : 0));
      const right = Math.min(width, x(to) + (from === to ? half : 0));
      const top = y(optimal.max);
      band = { x: round(left), y: top, width: round(right - left), height: round(y(optimal.min) - top) };
    }
  }
  return {
    width,
    height,
    points,
    polyline: points.length > 1 ? points.map((point) => `${point.x},${point.y}`).join(' ') : '',
    minimumY: row.mandatedMinimum !== undefined ? y(row.mandatedMinimum) : undefined,
    band,
    label: chartLabel(row),
  };
}

/** The chart in words: every figure, the thresholds and the verdicts. */
export function chartLabel(row: StaffingRow): string {
  const name = row.title ?? row.positionId ?? 'Position';
  const parts: string[] = [];
  parts.push(row.actuals.length > 0 ? `actuals ${row.actuals.map((cell) => `FY${cell.fiscalYear} ${formatNumber(cell.value)}`).join(', ')}` : 'no actuals reported');
  if (row.mandatedMinimum !== undefined) {
    parts.push(`mandated minimum ${formatNumber(row.mandatedMinimum)}`);
  }
  if (row.optimal) {
    parts.push(`optimal range ${row.optimal.label}`);
  }
  if (row.mandatedMinimum !== undefined && row.yearsReported > 0) {
    parts.push(`below the minimum in ${row.yearsBelowMinimum} of ${row.yearsReported} reported years`);
  }
  if (row.yearsCovered > 0) {
    parts.push(`below the optimal range in ${row.yearsBelowOptimal} of ${row.yearsCovered} covered years`);
  }
  if (row.declining) {
    parts.push('declining');
  }
  return `${name}: ${parts.join('; ')}.`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
