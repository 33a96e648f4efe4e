/**
 * staffing-without-actuals: a position with a mandated minimum or an optimal range but no actual
 * staffing figure, so nobody can tell whether it meets them. A position counts as having actuals when
 * at least one `actuals` entry has a fiscal year (from `fiscal_year`, or derived from `as_of`) and a
 * numeric value.
 *
 * Reported on the `actuals` key when present (its entries give no usable figure), else on the position's
 * `title` key. No fix: an `actuals:` stub would need a figure only the agency has (an empty `value` is
 * itself a schema error, and a made-up one would be worse).
 */
import type { Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, describePosition } from '../staffingAnalysis';
import { getPair, spanOf } from '../tree';

export const staffingWithoutActuals: Rule<Staffing> = {
  id: 'staffing-without-actuals',
  title: 'Staffing target without actual figures',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618 fn 56–57 and Table 6 note c (staffing data CBP could not provide or does not track); GPRA Modernization Act, 31 U.S.C. 1116(c): compare actual results with the goals. A mandated minimum (HSA 2002 § 412(b)) or an optimal range (SAFE Port Act § 403) cannot be assessed without actuals.',
  kinds: ['staffing'],
  check(document, context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      const { position } = analysis;
      if (analysis.years.length > 0 || (position.mandatedMinimum === undefined && position.optimal === undefined)) {
        continue;
      }
      const what = [position.mandatedMinimum !== undefined ? 'a mandated minimum' : '', position.optimal !== undefined ? 'an optimal range' : ''].filter(Boolean).join(' and ');
      const actualsPair = getPair(position.node, 'actuals');
      if (actualsPair) {
        report({
          span: spanOf(actualsPair.key),
          message: `${describePosition(position)} has ${what}, but its \`actuals\` give no figure (each entry needs a \`fiscal_year\` or an \`as_of\` date, and a numeric \`value\`). Record the staff on board for each fiscal year.`,
        });
        continue;
      }
      const year = context.reviewFiscalYear - 1;
      report({
        span: spanOf(entryAnchor(position.node, ['title', 'id'])),
        message: `${describePosition(position)} has ${what} but no actual staffing figures, so it cannot be compared with them. Add \`actuals\` with the staff on board at the end of each fiscal year (at least FY${year}), or the date each figure was taken (\`as_of\`).`,
      });
    }
  },
};
