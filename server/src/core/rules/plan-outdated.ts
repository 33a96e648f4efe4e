/**
 * plan-outdated: a final plan whose period ended before the review fiscal year, when no final plan of
 * its issue area covers the review fiscal year. Reported on the plan's `period` key. GAO-17-618 Table 11
 * (App. IV): IPR "is using an outdated 5-year strategic plan that covers fiscal years 2010-2014";
 * Textiles and Trade Agreements, annual plans for FY2011; Revenue, an annual plan for FY2009. At the
 * review date 2017-02-28 (FY2017) all four are outdated and the AD/CVD FY2017 annual plan is not.
 *
 * - Drafts are never reported (they do not count, take-away 4) and never make the area current: IPR's
 *   FY2017–2019 draft does not save its FY2010–2014 plan. A draft that covers the review year is named
 *   in the message.
 * - When several final plans of an area have all ended, only the latest one(s), the plan the area is
 *   using, are reported; older plans it superseded are history, not a second gap.
 * - Plans are grouped by `issue_area` whether or not a portfolio exists; a plan with no `issue_area` is
 *   judged on its own.
 */
import type { RelatedLocation } from '../findings';
import type { CoveredPlan } from '../coverage';
import { areaPlans, areaTitle, coveredPlan, describeArea, describePlan, uriFileName } from '../coverage';
import type { Plan } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';

export const planOutdated: Rule<Plan> = {
  id: 'plan-outdated',
  title: 'Plan period ended before the review year',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618, App. IV, Table 11: IPR (FY2010–2014), Textiles and Wearing Apparel (FY2011), Trade Agreements and Preference Programs (FY2011) and Revenue (FY2009) were using outdated plans; GPRA Modernization Act, 31 U.S.C. 1115(b): a performance plan each fiscal year.',
  kinds: ['plan'],
  crossFile: true,
  check(document, context, report) {
    const reviewYear = context.reviewFiscalYear;
    const self = coveredPlan(document, reviewYear);
    const periodPair = getPair(document.model.node, 'period');
    if (self.standing !== 'outdated' || !periodPair || self.lastYear === undefined) {
      return;
    }
    const areaId = document.model.issueArea;
    // The other plans of the area, split by standing once per workspace (coverage.ts), so this check
    // looks only at the plans that decide it, not at every plan of the area.
    const plans = areaId === undefined ? undefined : areaPlans(context.workspace, context, areaId);
    const isOther = (other: CoveredPlan) => other.uri !== document.uri;
    if (plans?.current.some(isOther)) {
      return; // a final plan covers the review year: this one is history
    }
    for (const other of plans?.outdated ?? []) {
      if ((other.lastYear ?? -Infinity) <= self.lastYear) {
        break; // latest first: no later outdated plan remains
      }
      if (isOther(other)) {
        return; // a later final plan (itself outdated) is the one reported
      }
    }
    const drafts = plans?.draftsReachingReviewYear.filter(isOther) ?? [];
    const area = areaId === undefined ? undefined : describeArea(areaId, areaTitle(context.workspace, areaId));
    const parts = [
      `Plan ${describePlan(self)} ended in FY${self.lastYear}, before the review fiscal year FY${reviewYear} (review date ${context.reviewDate}), and no final plan${area ? ` of ${area}` : ''} covers FY${reviewYear}.`,
    ];
    if (drafts.length > 0) {
      parts.push(
        drafts.length === 1
          ? `A draft successor exists, ${describePlan(drafts[0])}, but drafts do not count until they are final.`
          : `Draft successors exist (${drafts.map(describePlan).join('; ')}), but drafts do not count until they are final.`,
      );
    }
    parts.push(`Update the plan or finalize its successor, or record why the area needs no current plan.`);
    report({ span: spanOf(periodPair.key), message: parts.join(' '), related: drafts.map(related) });
  },
};

function related(plan: CoveredPlan): RelatedLocation {
  return { uri: plan.uri, span: plan.span, message: `${describePlan(plan)} in ${uriFileName(plan.uri)}: a draft, which does not count` };
}
