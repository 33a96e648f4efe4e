/**
 * staffing-below-optimal-range: a position whose actual staffing is below the minimum of the optimal
 * range set by the agency's staffing model, in the fiscal years that range covers. Reported once per
 * position, on its `optimal` key:
 *
 * - as a warning when the position is *generally* below the range (more than half of the reported years
 *   the range covers: GAO-17-618 Table 5's four bold positions plus financial systems specialist, and
 *   Table 6's five bold positions);
 * - as information when it is below in some covered years but not most (entry specialist, FY2016 only:
 *   431 against 433, 1 of 2), which GAO did not call out.
 *
 * An actual with an `as_of` date counts for the fiscal year of that date: Table 6's "as of October 4,
 * 2014" is FY2015, the first year of the FY2015–2022 range. The definitions live in `staffingAnalysis.ts`.
 */
import type { Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, countYears, describePosition, formatCount, formatOptimalRange, listYearFigures } from '../staffingAnalysis';
import { getPair, spanOf } from '../tree';

export const staffingBelowOptimalRange: Rule<Staffing> = {
  id: 'staffing-below-optimal-range',
  title: 'Staffing below the optimal range',
  defaultSeverity: 'warning',
  criterion:
    'SAFE Port Act of 2006 § 403 (19 U.S.C. 2075(h)): the resource optimization model sets optimal staffing; GAO-17-618 Tables 5 and 6: positions "generally below optimal staffing level targets", i.e. below the range minimum in more than half of the reported years the range covers.',
  kinds: ['staffing'],
  check(document, _context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      const { position, coveredYears, yearsBelowOptimal } = analysis;
      const optimal = position.optimal;
      if (!optimal || optimal.min === undefined || yearsBelowOptimal.length === 0) {
        continue;
      }
      const span = spanOf(getPair(position.node, 'optimal')?.key ?? entryAnchor(position.node, ['title', 'id']));
      const met = coveredYears.filter((year) => !year.belowOptimal);
      const metText = met.length === 0 ? '' : `; it reached the range minimum in ${listYearFigures(met)}`;
      const count = countYears(yearsBelowOptimal.length, coveredYears.length, 'the range covers');
      const range = formatOptimalRange(optimal);
      if (analysis.generallyBelowOptimal) {
        report({
          span,
          message: `${describePosition(position)} is generally below its optimal range ${range}: below the minimum of ${formatCount(optimal.min)} in ${count} (${listYearFigures(yearsBelowOptimal)})${metText}. Plan the hiring that brings it into the range.`,
        });
      } else {
        report({
          span,
          severity: 'information',
          message: `${describePosition(position)} was below its optimal range ${range} in ${count} (${listYearFigures(yearsBelowOptimal)})${metText}. That is not most of the covered years; watch the next figures.`,
        });
      }
    }
  },
};
