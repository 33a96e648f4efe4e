/**
 * The rule registry: every audit rule, in the order findings are documented. Adding a rule means adding
 * its file (named by its id), its docs page `docs/rules/<id>.md`, its tests, and a line here.
 */
import type { Rule } from '../rule';
import { measureWithoutTarget } from './measure-without-target';
import { targetNotApplicableWithoutReason } from './target-not-applicable-without-reason';
import { targetOutsidePeriod } from './target-outside-period';
import { targetMissingForYear } from './target-missing-for-year';
import { targetNotNumeric } from './target-not-numeric';
import { measureWithoutBaseline } from './measure-without-baseline';
import { measureWithoutDataSource } from './measure-without-data-source';
import { goalWithoutMeasures } from './goal-without-measures';
import { planWithoutOwner } from './plan-without-owner';
import { strategicPlanTooShort } from './strategic-plan-too-short';
import { staffingBelowMandatedMinimum } from './staffing-below-mandated-minimum';
import { staffingBelowOptimalRange } from './staffing-below-optimal-range';
import { staffingDeclining } from './staffing-declining';
import { staffingGapWithoutHiringPlan } from './staffing-gap-without-hiring-plan';
import { hiringPlanIncomplete } from './hiring-plan-incomplete';
import { staffingWithoutActuals } from './staffing-without-actuals';
import { optimalRangeInconsistent } from './optimal-range-inconsistent';
import { planOutdated } from './plan-outdated';
import { areaWithoutPlan } from './area-without-plan';
import { areaOnlyDraftPlan } from './area-only-draft-plan';
import { planUnknownArea } from './plan-unknown-area';
import { portfolioConflict } from './portfolio-conflict';
import { duplicateId } from './duplicate-id';
import { recommendationOpenTooLong } from './recommendation-open-too-long';
import { recommendationWithoutTimeline } from './recommendation-without-timeline';

export const rules: readonly Rule[] = [
  measureWithoutTarget,
  targetNotApplicableWithoutReason,
  targetOutsidePeriod,
  targetMissingForYear,
  targetNotNumeric,
  measureWithoutBaseline,
  measureWithoutDataSource,
  goalWithoutMeasures,
  planWithoutOwner,
  strategicPlanTooShort,
  staffingBelowMandatedMinimum,
  staffingBelowOptimalRange,
  staffingDeclining,
  staffingGapWithoutHiringPlan,
  hiringPlanIncomplete,
  staffingWithoutActuals,
  optimalRangeInconsistent,
  planOutdated,
  areaWithoutPlan,
  areaOnlyDraftPlan,
  planUnknownArea,
  portfolioConflict,
  duplicateId,
  recommendationOpenTooLong,
  recommendationWithoutTimeline,
];

/** Looks a rule up by id. */
export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
