/**
 * area-without-plan: an issue area of the portfolio that no final plan covers, reported on the area's
 * entry in the portfolio (where the gap is recorded). GAO-17-618 Table 11 (App. IV): "The Priority Trade
 * Issue does not have a strategic or annual plan" for Import Safety and Agriculture Programs.
 *
 * "No plan" follows `coverage.ts`: only `status: final` plans with a period count. Drafts never cover an
 * area (take-away 4: GAO counted Import Safety and Agriculture as having no plan although drafts were in
 * progress), so a draft is named in the message ("a draft exists, but drafts do not count") instead of
 * being reported separately: `area-only-draft-plan` stays silent wherever this rule speaks. Areas whose
 * final plans have all ended are `plan-outdated`'s, reported on the plan.
 */
import type { RelatedLocation } from '../findings';
import type { CoveredPlan } from '../coverage';
import { areasOfPortfolio, describeArea, describePlan, uriFileName } from '../coverage';
import type { Portfolio } from '../model';
import type { Rule } from '../rule';

export const areaWithoutPlan: Rule<Portfolio> = {
  id: 'area-without-plan',
  title: 'Portfolio area with no final plan',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618, App. IV, Table 11: Import Safety and Agriculture Programs had no strategic or annual plan (drafts in progress were not counted); Trade Facilitation and Trade Enforcement Act of 2015 § 117 (19 U.S.C. 4322(a)); GPRA Modernization Act, 31 U.S.C. 1115(b): performance plans covering each program activity.',
  kinds: ['portfolio'],
  crossFile: true,
  check(document, context, report) {
    for (const area of areasOfPortfolio(context.workspace, context, document.uri)) {
      if (area.status !== 'missing') {
        continue;
      }
      const undated = area.plans.filter((plan) => plan.standing === 'undated');
      const parts = [
        `No final plan covers ${describeArea(area.areaId, area.title)} at the review date ${context.reviewDate} (FY${context.reviewFiscalYear}).`,
      ];
      if (area.drafts.length > 0) {
        parts.push(
          area.drafts.length === 1
            ? `A draft exists, ${describePlan(area.drafts[0])}, but drafts do not count until they are final.`
            : `Drafts exist (${area.drafts.map(describePlan).join('; ')}), but drafts do not count until they are final.`,
        );
      }
      if (undated.length > 0) {
        parts.push(`${undated.map(describePlan).join(', ')} ${undated.length === 1 ? 'is' : 'are'} final but ${undated.length === 1 ? 'has' : 'have'} no valid \`period\`, so ${undated.length === 1 ? 'it does' : 'they do'} not count.`);
      }
      parts.push(
        area.plans.length === 0
          ? `Add a final plan with \`issue_area: ${area.areaId}\`, or record why the area needs none.`
          : 'Finalize a plan for this area, or record why the area needs none.',
      );
      report({
        span: area.span,
        message: parts.join(' '),
        related: [...area.drafts, ...undated].map((plan) => related(plan)),
      });
    }
  },
};

function related(plan: CoveredPlan): RelatedLocation {
  const why = plan.standing === 'draft' ? `status ${plan.status ? `\`${plan.status}\`` : 'not given'}: does not count` : 'no valid period: does not count';
  return { uri: plan.uri, span: plan.span, message: `${describePlan(plan)} in ${uriFileName(plan.uri)}: ${why}` };
}
