/**
 * staffing-below-mandated-minimum: a position whose actual staffing is below the minimum the law
 * mandates. Reported once per position, on its `mandated_minimum` key, with the years and figures:
 *
 * - as a warning when the position is *generally* below (below in more than half of its reported years:
 *   the four positions GAO-17-618 bolds in Table 5);
 * - as information when it is below in some years but not most (financial systems specialist, 2 of 5):
 *   GAO reports the years but does not call the position generally below.
 *
 * "Below" is strict: an actual equal to the minimum is not below it. The definitions live in
 * `staffingAnalysis.ts`. No fix: `staffing-gap-without-hiring-plan` offers the hiring plan.
 */
import type { Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, countYears, describePosition, formatCount, listYearFigures } from '../staffingAnalysis';
import { getPair, spanOf } from '../tree';

export const staffingBelowMandatedMinimum: Rule<Staffing> = {
  id: 'staffing-below-mandated-minimum',
  title: 'Staffing below the mandated minimum',
  defaultSeverity: 'warning',
  criterion:
    'Homeland Security Act of 2002 § 412(b) (6 U.S.C. 212(b)): customs revenue staffing may not be reduced below its level before the Act (March 2003, GAO-17-618 Table 5 note a); GAO-17-618 Table 5: positions "generally below" the mandated level, i.e. below (strictly) in more than half of the reported years.',
  kinds: ['staffing'],
  check(document, _context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      const { position, years, yearsBelowMinimum } = analysis;
      const minimum = position.mandatedMinimum;
      if (minimum === undefined || yearsBelowMinimum.length === 0) {
        continue;
      }
      const span = spanOf(getPair(position.node, 'mandated_minimum')?.key ?? entryAnchor(position.node, ['title', 'id']));
      const met = years.filter((year) => !year.belowMinimum);
      const metText = met.length === 0 ? '' : `; it met the minimum in ${listYearFigures(met)}`;
      const count = countYears(yearsBelowMinimum.length, years.length);
      if (analysis.generallyBelowMinimum) {
        report({
          span,
          message: `${describePosition(position)} is generally below its mandated minimum of ${formatCount(minimum)}: below in ${count} (${listYearFigures(yearsBelowMinimum)})${metText}. Restore the mandated staffing level, and plan the hiring that gets there.`,
        });
      } else {
        report({
          span,
          severity: 'information',
          message: `${describePosition(position)} was below its mandated minimum of ${formatCount(minimum)} in ${count} (${listYearFigures(yearsBelowMinimum)})${metText}. That is not most of the reported years; watch the next figures.`,
        });
      }
    }
  },
};
