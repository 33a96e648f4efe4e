/**
 * staffing-declining: a position whose staffing fell in each of its last three reported years: three
 * consecutive year-over-year strict falls over the four most recent reported fiscal years, which must be
 * consecutive years. Reported once per position, on its `actuals` key, with the four figures.
 *
 * In GAO-17-618 Table 5 this flags import specialist (987 → 954 → 936 → 917), customs auditor
 * (357 → 341 → 330 → 321) and national import specialist (87 → 86 → 83 → 77), and not drawback specialist
 * (37 → 35 → 33 → 36). The definition lives in `staffingAnalysis.ts`.
 */
import type { Staffing } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { analyzeStaffing, describePosition, formatCount, formatYearFigure } from '../staffingAnalysis';
import { getPair, spanOf } from '../tree';

export const staffingDeclining: Rule<Staffing> = {
  id: 'staffing-declining',
  title: 'Staffing fell in each of the last three years',
  defaultSeverity: 'information',
  criterion:
    'GAO-17-618, "CBP Has Not Met Its Staffing Targets…" (p. 36): staffing for positions below their mandated levels "generally declined"; import specialists were "consistently declining in the last 3 years from 954 … to 917". Declining here means three consecutive year-over-year falls (four data points).',
  kinds: ['staffing'],
  check(document, _context, report) {
    for (const analysis of analyzeStaffing(document.model)) {
      if (!analysis.declining) {
        continue;
      }
      const { position, decliningYears } = analysis;
      const first = decliningYears[0];
      const last = decliningYears[decliningYears.length - 1];
      const span = spanOf(getPair(position.node, 'actuals')?.key ?? entryAnchor(position.node, ['title', 'id']));
      report({
        span,
        message: `${describePosition(position)} fell in each of its last three reported years: ${decliningYears.map(formatYearFigure).join(' → ')} (down ${formatCount(first.value - last.value)} since FY${first.fiscalYear}). Find out why, and plan the hiring that reverses it.`,
      });
    }
  },
};
