/**
 * recommendation-open-too-long: a recommendation still `open` more than N years after it was issued,
 * where N depends on who made it (`source`). Reported on the item's `id` key.
 *
 * "More than N years" is exact: `review_date > addYears(issued, N)` in calendar days (domain report
 * §4.2). GAO-13-268 was issued 2013-03-01: at the review date 2017-02-28 it is not flagged (4 years fall
 * on 2017-03-01, and it must be *more* than that); from 2017-03-02 it is.
 *
 * Thresholds by source (`openTooLongYearsBySource` in `recommendationAge.ts`, which the summary reads too):
 * - `gao`: 4 years. GAO-17-618 App. I fn 5: "if a recommendation has not been implemented within 4 years,
 *   it is not likely to be implemented" (GAO's follow-up guidance).
 * - `oig`: not judged. DHS OIG follows up on its own scheme (resolved/unresolved × open/closed,
 *   semiannual or quarterly; GAO-17-618 App. I fn 10), and GAO does not call the OIG items of its Table
 *   10 "open too long" although some were over 4 years old at February 2017 (OIG-11-92, OIG-12-65).
 *   Applying GAO's 4 years to them would go beyond GAO's conclusions.
 * - `internal`, `other`, or no `source`: 4 years, GAO's convention as the default for recommendations
 *   that name no follow-up scheme of their own.
 *
 * The thresholds are constants here, not settings; a workspace that wants OIG items judged can record
 * them as `source: other`, or ask for a setting.
 */
import { addYears, isIsoDate, wholeYearsBetween } from '../dates';
import type { Recommendation, Recommendations } from '../model';
import { entryAnchor } from '../model';
import type { Rule } from '../rule';
import { openTooLongYears } from '../recommendationAge';
import { spanOf } from '../tree';

export const recommendationOpenTooLong: Rule<Recommendations> = {
  id: 'recommendation-open-too-long',
  title: 'Recommendation open too long',
  defaultSeverity: 'warning',
  criterion:
    'GAO-17-618, App. I, fn 5 (GAO follow-up guidance): "if a recommendation has not been implemented within 4 years, it is not likely to be implemented"; GAO follows up for at least 4 years. Threshold per source: GAO 4 years; DHS OIG not judged by age (App. I fn 10).',
  kinds: ['recommendations'],
  check(document, context, report) {
    for (const item of document.model.items) {
      if (item.status !== 'open' || item.issued === undefined || !isIsoDate(item.issued)) {
        continue;
      }
      const years = openTooLongYears(item.source);
      if (years === undefined) {
        continue;
      }
      const limit = addYears(item.issued, years);
      if (!(context.reviewDate > limit)) {
        continue;
      }
      const age = wholeYearsBetween(item.issued, context.reviewDate);
      const basis =
        item.source === 'gao'
          ? 'GAO’s follow-up guidance: a recommendation not implemented within 4 years is not likely to be implemented (GAO-17-618 App. I fn 5).'
          : `Plan Audit applies GAO’s ${years}-year threshold to ${item.source ? `\`${item.source}\`` : 'unattributed'} recommendations (GAO-17-618 App. I fn 5).`;
      report({
        span: spanOf(entryAnchor(item.node, ['id', 'report'])),
        message: `Recommendation ${label(item)}, issued ${item.issued}, is still open at the review date ${context.reviewDate}: more than ${years} years (${age === years ? `${years} years and ${daysAfter(limit, context.reviewDate)}` : `${age} years`}). ${basis} Update its status, or record why it remains open.`,
      });
    }
  },
};

/** "1 day" / "12 days": the days from `from` to `to` (both valid ISO dates, `to` later). */
function daysAfter(from: string, to: string): string {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return `${days} day${days === 1 ? '' : 's'}`;
}

function label(item: Recommendation): string {
  if (item.id && item.report) {
    return `\`${item.id}\` (${item.report})`;
  }
  return item.id ? `\`${item.id}\`` : item.report ?? '(no id)';
}
