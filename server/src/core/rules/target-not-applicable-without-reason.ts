/**
 * target-not-applicable-without-reason: a measure marked `target_not_applicable` whose reason is empty,
 * a placeholder ("n/a", "TBD", "none", "-") or too short to be a reason. GAO asks for targets "when
 * applicable", and the law asks the agency to state why a goal cannot be expressed in measurable form,
 * so the exception must carry a reason an auditor can judge. No quick fix: only the agency knows why.
 */
import type { Plan } from '../model';
import { allMeasures, describeEntry } from '../model';
import type { Rule } from '../rule';
import { spanOf } from '../tree';

/** Reasons shorter than this (after trimming) are too short to judge. */
export const minimumReasonLength = 10;

/** Words that stand in for a reason without giving one; compared in lower case, trailing dots ignored. */
const placeholders = new Set(['n/a', 'na', 'n.a', 'tbd', 'tba', 'tbc', 'todo', 'none', 'null', 'nil', '-', '--', '—', '–', '…', '...', '?', 'x', 'not applicable', 'not available', 'to be determined']);

export const targetNotApplicableWithoutReason: Rule<Plan> = {
  id: 'target-not-applicable-without-reason',
  title: 'Target marked not applicable without a reason',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618 recommendation 1 (performance targets "when applicable"); GPRA Modernization Act, 31 U.S.C. 1115(c): a plan that cannot express a goal in quantifiable form shall "state why it is infeasible or impractical to express a performance goal in any form".',
  kinds: ['plan'],
  check(document, _context, report) {
    for (const measure of allMeasures(document.model)) {
      const pair = measure.targetNotApplicablePair;
      if (!pair || pair.value.kind !== 'scalar') {
        continue; // absent, or a map or list: the schema reports the shape
      }
      const label = describeEntry(measure.id, measure.name);
      const raw = pair.value.value;
      if (raw !== null && typeof raw !== 'string') {
        continue; // `true`, a number: the schema asks for text
      }
      const text = raw === null ? '' : raw.trim();
      const advice = 'State why a target cannot be set for it, in a sentence an auditor can judge.';
      if (text === '') {
        report({ span: raw === null ? spanOf(pair.key) : spanOf(pair.value), message: `Measure ${label} is marked \`target_not_applicable\` with no reason. ${advice}` });
      } else if (placeholders.has(text.toLowerCase().replace(/\.+$/, '') || text) || text.length < minimumReasonLength) {
        report({ span: spanOf(pair.value), message: `Measure ${label} is marked \`target_not_applicable\`, but “${text}” is not a reason. ${advice}` });
      }
    }
  },
};
