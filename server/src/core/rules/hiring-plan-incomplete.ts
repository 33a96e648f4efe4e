/**
 * hiring-plan-incomplete: a position's `hiring_plan` that does not yet articulate how the staffing
 * targets will be reached: no `owner`, no `strategy`, no target with a numeric value, or a last target
 * that stays below the mandated minimum or the optimal range minimum. Reported once per hiring plan, on
 * its `hiring_plan` key, listing what is missing. Information, no fix: the content is the agency's to
 * write (the skeleton that `staffing-gap-without-hiring-plan` inserts is reported here until filled in).
 */
import type { Staffing } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, describePosition, formatCount } from '../staffingAnalysis';
import type { MapNode, TreeNode } from '../tree';
import { getMapItems, getNode, getNumber, spanOf } from '../tree';

export const hiringPlanIncomplete: Rule<Staffing> = {
  id: 'hiring-plan-incomplete',
  title: 'Incomplete hiring plan',
  defaultSeverity: 'information',
  criterion:
    'GAO-17-618 recommendation 2: a long-term hiring plan "that articulates how CBP will reach its staffing targets"; GAO-04-39 principles 1 (involve management: an accountable owner), 3 (strategies tailored to address gaps) and 5 (monitor progress toward human capital goals: targets).',
  kinds: ['staffing'],
  check(document, _context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      const pair = analysis.position.hiringPlanPair;
      if (!pair) {
        continue;
      }
      const { position } = analysis;
      const plan = pair.value.kind === 'map' ? pair.value : undefined;
      if (!plan || plan.pairs.length === 0) {
        report({
          span: spanOf(pair.key),
          message: `${describePosition(position)} has an empty \`hiring_plan\`. Name its \`owner\`, its \`strategy\` and yearly \`targets\` that reach the staffing levels.`,
        });
        continue;
      }
      const missing: string[] = [];
      if (isBlank(getNode(plan, 'owner'))) {
        missing.push('no `owner`');
      }
      if (isBlank(getNode(plan, 'strategy'))) {
        missing.push('no `strategy`');
      }
      const targets = numericTargets(plan);
      if (targets.length === 0) {
        missing.push('no `targets` with a value');
      } else {
        const last = targets.reduce((a, b) => (b.fiscalYear >= a.fiscalYear ? b : a));
        const minimum = position.mandatedMinimum;
        const optimalMin = position.optimal?.min;
        if (minimum !== undefined && last.value < minimum) {
          missing.push(`its last target (FY${last.fiscalYear}: ${formatCount(last.value)}) stays below the mandated minimum of ${formatCount(minimum)}`);
        } else if (optimalMin !== undefined && last.value < optimalMin) {
          missing.push(`its last target (FY${last.fiscalYear}: ${formatCount(last.value)}) stays below the optimal range minimum of ${formatCount(optimalMin)}`);
        }
      }
      if (missing.length > 0) {
        report({
          span: spanOf(pair.key),
          message: `The hiring plan of ${describePosition(position)} is incomplete: ${missing.join('; ')}. A hiring plan should say who is accountable, how staff will be recruited and retained, and which levels will be reached by when.`,
        });
      }
    }
  },
};

function isBlank(node: TreeNode | undefined): boolean {
  if (!node) {
    return true;
  }
  if (node.kind === 'scalar') {
    return node.value === null || (typeof node.value === 'string' && node.value.trim() === '');
  }
  return node.kind === 'map' ? node.pairs.length === 0 : node.items.length === 0;
}

function numericTargets(plan: MapNode): { fiscalYear: number; value: number }[] {
  const result: { fiscalYear: number; value: number }[] = [];
  for (const target of getMapItems(plan, 'targets')) {
    const fiscalYear = getNumber(target, 'fiscal_year');
    const value = getNumber(target, 'value');
    if (fiscalYear !== undefined && value !== undefined) {
      result.push({ fiscalYear, value });
    }
  }
  return result;
}
