/**
 * strategic-plan-too-short: a final strategic plan whose period covers fewer than 4 fiscal years.
 *
 * Draft plans are not checked. The statute's period applies to a plan as issued, and a draft's period
 * can still change. GAO-17-618 (Table 11) describes the 3-year IPR and Revenue strategic plans CBP was
 * finalizing (FY2017–2019) without faulting their length, and the samples must not say more than GAO did.
 * Severity is information: 5 U.S.C. 306 governs agency-level strategic plans, and component plans
 * (such as CBP's Priority Trade Issue plans) may legitimately be shorter.
 */
import type { Plan } from '../model';
import { describeEntry } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';
import { formatPeriod, periodLength, planPeriod } from '../period';

/** The fewest fiscal years a strategic plan should cover (5 U.S.C. 306(b)). */
export const minimumStrategicYears = 4;

export const strategicPlanTooShort: Rule<Plan> = {
  id: 'strategic-plan-too-short',
  title: 'Strategic plan covering fewer than 4 fiscal years',
  defaultSeverity: 'information',
  criterion:
    '5 U.S.C. 306(b) (as amended by the GPRA Modernization Act): an agency strategic plan shall cover a period of not less than 4 years following the fiscal year in which it is submitted (GPRA 1993 asked for 5 years).',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    if (plan.type !== 'strategic' || plan.status === 'draft') {
      return;
    }
    const period = planPeriod(plan);
    const periodPair = getPair(plan.node, 'period');
    if (!period || !periodPair) {
      return;
    }
    const years = periodLength(period);
    if (years >= minimumStrategicYears) {
      return;
    }
    report({
      span: spanOf(periodPair.key),
      message: `Strategic plan ${describeEntry(plan.id, plan.title)} covers ${formatPeriod(period)}, ${years === 1 ? '1 fiscal year' : `${years} fiscal years`}. A strategic plan should cover at least ${minimumStrategicYears}: extend the period, or record why this plan is shorter.`,
    });
  },
};
