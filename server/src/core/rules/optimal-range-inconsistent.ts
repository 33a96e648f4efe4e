/**
 * optimal-range-inconsistent: an optimal staffing range that contradicts itself (`optimal.min` above
 * `optimal.max`) or the mandate (`optimal.max` below `mandated_minimum`, so that staffing at the optimum
 * would break the law). Reported once per position, on its `optimal` key, as information: the figures
 * may be exactly what the agency reported, as in GAO-17-618 Table 5, where Fines, Penalties and
 * Forfeitures specialist has an optimal range of 101–201 against a mandated minimum of 203 and GAO makes
 * no finding on it. No fix: only the source can say which figure is right.
 */
import type { Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, describePosition, formatCount } from '../staffingAnalysis';
import { getPair, spanOf } from '../tree';

export const optimalRangeInconsistent: Rule<Staffing> = {
  id: 'optimal-range-inconsistent',
  title: 'Optimal range inconsistent with itself or the mandate',
  defaultSeverity: 'information',
  criterion:
    'Consistency of thresholds: the optimal range of the SAFE Port Act § 403 resource model (19 U.S.C. 2075(h)) should not lie below the Homeland Security Act § 412(b) floor (6 U.S.C. 212(b)); GAO-17-618 Table 5, Fines, Penalties and Forfeitures specialist (101–201 against 203).',
  kinds: ['staffing'],
  check(document, _context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      const { position, optimalIssues } = analysis;
      const optimal = position.optimal;
      if (!optimal || optimalIssues.length === 0) {
        continue;
      }
      const problems: string[] = [];
      if (optimalIssues.includes('min-above-max')) {
        problems.push(`its minimum (${formatCount(optimal.min!)}) is above its maximum (${formatCount(optimal.max!)})`);
      }
      if (optimalIssues.includes('max-below-minimum')) {
        problems.push(
          `its maximum (${formatCount(optimal.max!)}) is below the mandated minimum of ${formatCount(position.mandatedMinimum!)}, so staffing at the optimum would not meet the mandate`,
        );
      }
      const range = optimal.min !== undefined ? `${formatCount(optimal.min)}–${formatCount(optimal.max!)}` : `up to ${formatCount(optimal.max!)}`;
      report({
        span: spanOf(getPair(position.node, 'optimal')?.key ?? entryAnchor(position.node, ['title', 'id'])),
        message: `${describePosition(position)} has an inconsistent optimal range ${range}: ${problems.join('; and ')}. Check the figures against the staffing model's report, and note the explanation in the file.`,
      });
    }
  },
};
