/**
 * Generated plans in the styles real plans use, for the parse tests: the bench's generator
 * (bench/generatePlan.ts) writes the same content plain, with comments, quotes and block scalars, with
 * flow-style targets, with CRLF line breaks, behind a `%YAML 1.2` directive, or sharing data sources
 * through anchors and aliases (see `styleDescriptions`).
 */
import type { PlanStyle } from '../../bench/generatePlan';
import { generatePlan, planStyles } from '../../bench/generatePlan';

export type { PlanStyle };
export { planStyles };

/** A generated plan of `measures` measures in `style`. */
export function styledPlan(measures: number, style: PlanStyle, seed = 1): string {
  return generatePlan({ measures, seed, style }).text;
}
