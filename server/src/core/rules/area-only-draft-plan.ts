/**
 * area-only-draft-plan (new; domain report rule 17): a draft plan that is the only plan for the review
 * fiscal year of an issue area no final plan covers, in a workspace where no other finding says so.
 * Reported (information) on the draft's `status` value.
 *
 * GAO-17-618 Table 11 did not count plans in progress: IPR stayed "outdated" despite its FY2017–2019
 * draft, and Import Safety and Agriculture Programs had "no plan" despite their FY2017 drafts. The draft
 * is worth saying, but once, and as part of the gap it fails to close:
 *
 * - with a portfolio listing the area and no final plan, `area-without-plan` reports the gap on the
 *   area and names the draft ("a draft exists, but drafts do not count");
 * - with final plans that have all ended, `plan-outdated` reports the plan in use and names the draft;
 * - with a portfolio that does not list the area, `plan-unknown-area` reports the plan.
 *
 * So this rule speaks only where none of those can: a workspace with **no portfolio**, an issue area with
 * **no final plan at all**, and a **draft whose period reaches the review fiscal year**. On the GAO-17-618
 * samples (which have a portfolio) it adds nothing beyond GAO's conclusions, while GAO's own mention of
 * the drafts appears in the `area-without-plan` and `plan-outdated` messages.
 */
import { areaPlans, computeCoverage, describeArea, describePlan, coveredPlan, uriFileName } from '../coverage';
import type { Plan } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';

export const areaOnlyDraftPlan: Rule<Plan> = {
  id: 'area-only-draft-plan',
  title: 'Area whose only plan for the review year is a draft',
  defaultSeverity: 'information',
  criterion:
    'GAO-17-618, App. IV, Table 11: plans CBP was "in the process of finalizing" or "developing" (IPR FY2017–2019, Import Safety FY2017, Agriculture Programs FY2017) were not counted as plans.',
  kinds: ['plan'],
  crossFile: true,
  check(document, context, report) {
    const plan = document.model;
    const statusPair = getPair(plan.node, 'status');
    const areaId = plan.issueArea;
    if (plan.status !== 'draft' || !statusPair || areaId === undefined) {
      return;
    }
    const self = coveredPlan(document, context.reviewFiscalYear);
    if (self.lastYear === undefined || self.lastYear < context.reviewFiscalYear) {
      return;
    }
    if (computeCoverage(context.workspace, context).hasPortfolio) {
      return; // area-without-plan, plan-outdated or plan-unknown-area reports the gap and names the draft
    }
    const plans = areaPlans(context.workspace, context, areaId);
    if (plans.current.length > 0 || plans.outdated.length > 0) {
      return; // covered, or plan-outdated names this draft
    }
    const otherDrafts = plans.drafts.filter((other) => other.uri !== document.uri);
    const also = otherDrafts.length > 0 ? ` Other drafts of the area: ${otherDrafts.map((other) => `${describePlan(other)} in ${uriFileName(other.uri)}`).join(', ')}.` : '';
    report({
      span: spanOf(statusPair.value),
      message: `No final plan covers issue area ${describeArea(areaId, undefined)} at the review date ${context.reviewDate} (FY${context.reviewFiscalYear}): this draft, ${describePlan(self)}, does not count until it is final.${also} Set \`status: final\` once the plan is approved.`,
    });
  },
};
