/**
 * staffing-gap-without-hiring-plan: a position generally below its mandated minimum or its optimal range
 * (see `staffingAnalysis.ts`) with no `hiring_plan`. Reported once per position, on its `title` key.
 *
 * GAO-17-618 recommendation 2 asks for "a long-term hiring plan that articulates how CBP will reach its
 * staffing targets"; GAO-04-39 asks for strategies tailored to address gaps. Any `hiring_plan` key stops
 * this rule; `hiring-plan-incomplete` then checks that the plan names an owner, a strategy and targets.
 *
 * The preferred fix inserts a `hiring_plan:` skeleton (domain research §4.3) as the position's last key,
 * in the file's own layout: `owner: ""`, `strategy: ""` and a `targets:` entry for each fiscal year after the
 * review year through the last year of the optimal range (at most 5), or for the next 3 fiscal years
 * when no optimal range runs past the review year. Values are left empty for the auditee to fill in.
 */
import type { Fix, TextEdit } from '../findings';
import { columnOf, insertIntoMap, renderBlock } from '../fixes';
import type { FixTarget, NewLine } from '../fixes';
import type { Position, Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import type { PositionAnalysis } from '../staffingAnalysis';
import { analyzeStaffing, describePosition, formatCount, formatOptimalRange } from '../staffingAnalysis';
import { spanOf } from '../tree';

/** At most this many target years in the skeleton. */
const maxTargetYears = 5;
/** Target years in the skeleton when no optimal range runs past the review year. */
const defaultTargetYears = 3;

export const ownerComment = 'the official accountable for reaching the targets (GAO-04-39 principle 1)';
export const strategyComment = 'recruiting/retention strategy, incl. hard-to-fill locations (GAO-08-762T)';

export const staffingGapWithoutHiringPlan: Rule<Staffing> = {
  id: 'staffing-gap-without-hiring-plan',
  title: 'Staffing gap without a hiring plan',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618 recommendation 2: "develop a long-term hiring plan that articulates how CBP will reach its staffing targets for trade positions set in the Homeland Security Act and the agency\'s resource optimization model"; GAO-04-39 (strategic workforce planning, principle 3: strategies tailored to address gaps); GAO-08-762T.',
  kinds: ['staffing'],
  check(document, context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      if (!analysis.gap || analysis.hasHiringPlan) {
        continue;
      }
      const { position } = analysis;
      const years = targetYears(position, context.reviewFiscalYear);
      const edit = hiringPlanEdit(document, position, years, reachComment(position));
      const fixes: Fix[] | undefined = edit
        ? [{ title: `Add a hiring_plan skeleton (targets for ${years.length === 1 ? `FY${years[0]}` : `FY${years[0]}–FY${years[years.length - 1]}`})`, isPreferred: true, edits: [edit] }]
        : undefined;
      report({
        span: spanOf(entryAnchor(position.node, ['title', 'id'])),
        message: `${describePosition(position)} is ${gapText(analysis)}, and has no hiring plan. Add a \`hiring_plan\` naming an owner, a strategy and yearly targets that reach ${reachText(position)}.`,
        fixes,
      });
    }
  },
};

function gapText(analysis: PositionAnalysis): string {
  const parts: string[] = [];
  if (analysis.generallyBelowMinimum) {
    parts.push(`generally below its mandated minimum (${analysis.yearsBelowMinimum.length} of ${analysis.years.length} reported years)`);
  }
  if (analysis.generallyBelowOptimal) {
    const covered = analysis.coveredYears.length;
    parts.push(`generally below its optimal range (${analysis.yearsBelowOptimal.length} of ${covered} covered year${covered === 1 ? '' : 's'})`);
  }
  return parts.join(' and ');
}

/** "the mandated minimum of 984 and the optimal range 984–1,748 (FY2015–FY2022)". */
function reachText(position: Position): string {
  const parts: string[] = [];
  if (position.mandatedMinimum !== undefined) {
    parts.push(`the mandated minimum of ${formatCount(position.mandatedMinimum)}`);
  }
  if (position.optimal?.min !== undefined) {
    parts.push(`the optimal range ${formatOptimalRange(position.optimal)}`);
  }
  return parts.join(' and ');
}

/** The comment on the skeleton's `targets:` line: what the targets must reach. */
function reachComment(position: Position): string {
  const parts: string[] = [];
  if (position.mandatedMinimum !== undefined) {
    parts.push(`mandated minimum ${formatCount(position.mandatedMinimum)}`);
  }
  if (position.optimal?.min !== undefined) {
    parts.push(`optimal range ${formatOptimalRange(position.optimal)}`);
  }
  return `on board at fiscal year end; reach ${parts.join(' and ')}`;
}

/**
 * The fiscal years the skeleton's targets cover: from the year after the review year through the end of
 * the optimal range (at most `maxTargetYears`), else the next `defaultTargetYears` years.
 */
export function targetYears(position: Position, reviewFiscalYear: number): number[] {
  const first = reviewFiscalYear + 1;
  const rangeEnd = position.optimal?.endYear;
  const last = rangeEnd !== undefined && rangeEnd >= first ? Math.min(rangeEnd, first + maxTargetYears - 1) : first + defaultTargetYears - 1;
  const years: number[] = [];
  for (let year = first; year <= last; year++) {
    years.push(year);
  }
  return years;
}

/**
 * The edit that appends the `hiring_plan:` skeleton to the position map, in the file's layout (block
 * or flow). Undefined for an empty map.
 */
export function hiringPlanEdit(target: FixTarget, position: Position, years: readonly number[], targetsComment: string): TextEdit | undefined {
  // Empty strings, not nulls: the schema types `owner` and `strategy` as text; target values may be null.
  const owner: NewLine = { key: 'owner', value: '""', comment: ownerComment };
  const strategy: NewLine = { key: 'strategy', value: '""', comment: strategyComment };
  const items = years.map((year): NewLine[] => [
    { key: 'fiscal_year', value: String(year) },
    { key: 'value', value: '', comment: `FY${year} target` },
  ]);
  if (position.node.flow) {
    const targets = `[${years.map((year) => `{fiscal_year: ${year}, value: null}`).join(', ')}]`;
    return insertIntoMap(target, position.node, { key: 'hiring_plan', map: [owner, strategy, { key: 'targets', value: targets }] });
  }
  const edit = insertIntoMap(target, position.node, { key: 'hiring_plan', map: [owner, strategy] });
  if (!edit) {
    return undefined;
  }
  const { text, layout } = target;
  const baseColumn = columnOf(text, position.node.pairs[0].key.start);
  const targetsBlock = renderBlock({ key: 'targets', items, comment: targetsComment }, baseColumn + layout.indentUnit, layout);
  return { ...edit, insertText: edit.insertText + targetsBlock };
}
