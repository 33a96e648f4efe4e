/**
 * When a measure counts as having targets. GAO asks for "a target level" against which actual results
 * can be compared (GAO-17-618 recommendation 1; 31 U.S.C. 1115(b)(2)): only a target whose `value` is a
 * number is one. A target entry with an empty `value:` (what the "Add targets" quick fix inserts) or
 * text such as `TBD` is a target still to fill in, and must not make a measure look as if it had targets
 * in the rules or in the summary.
 */
import type { Measure, YearValue } from './model';

/** How a measure stands on targets. */
export type TargetStanding = 'numeric' | 'toFillIn' | 'none';

/** True for a target entry whose `value` is a finite number. */
export function hasNumericValue(entry: YearValue): boolean {
  return typeof entry.value === 'number' && Number.isFinite(entry.value);
}

/**
 * `numeric` when at least one target has a numeric value; `toFillIn` when the measure has target entries
 * but none with a numeric value; `none` when it has no target entry.
 */
export function targetStanding(measure: Measure): TargetStanding {
  if (measure.targets.length === 0) {
    return 'none';
  }
  return measure.targets.some(hasNumericValue) ? 'numeric' : 'toFillIn';
}
