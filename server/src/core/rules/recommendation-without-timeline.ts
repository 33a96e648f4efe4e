/**
 * recommendation-without-timeline (new; domain report rule 28): an open recommendation the agency agreed
 * to (`agency_response: concur` or `partially-concur`), issued at least one year before the review date,
 * with no `estimated_completion`. Reported (information) on the item's `id` key.
 *
 * Criterion: the Good Accounting Obligation in Government Act (GAO-IG Act, Pub. L. 115-414, enacted
 * January 3, 2019), § 2(b): each agency's budget justification lists the GAO recommendations open for at
 * least 1 year and the IG recommendations published at least 1 year earlier without final action, and,
 * for each one the agency decided to adopt, "a timeline for full implementation".
 *
 * The rule applies only at review dates on or after the Act's enactment (`gaoIgActEnactment`): before
 * it, no criterion asked for the timeline, and an audit as of an earlier date (GAO-17-618's, February
 * 2017) must not be held to it. That is why the rule adds nothing to the GAO-17-618 samples, whose Table 8
 * and Table 10 items mostly give no estimated completion date.
 *
 * "At least one year": `review_date >= addYears(issued, 1)`.
 *
 * A missing key gets a quick fix that inserts `estimated_completion:` with a comment; an empty key (what
 * the fix leaves behind) is still reported, without a fix, until a date is written.
 */
import { addYears, isIsoDate } from '../dates';
import type { Recommendations } from '../model';
import { entryAnchor } from '../model';
import { insertAfterKey } from '../fixes';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';
import { textKeyState } from '../keyState';

/** Enactment of the GAO-IG Act (Pub. L. 115-414, 132 Stat. 5430): the rule applies from this review date on. */
export const gaoIgActEnactment = '2019-01-03';

/** The comment the fix writes after `estimated_completion:`. */
export const estimatedCompletionComment = "YYYY-MM-DD: the agency's timeline for full implementation (GAO-IG Act, Pub. L. 115-414 § 2(b)(3))";

const agreed = new Set(['concur', 'partially-concur']);

export const recommendationWithoutTimeline: Rule<Recommendations> = {
  id: 'recommendation-without-timeline',
  title: 'Open recommendation without an implementation timeline',
  defaultSeverity: 'information',
  criterion:
    'GAO-IG Act (Good Accounting Obligation in Government Act, Pub. L. 115-414, 2019) § 2(b): for GAO and IG recommendations open at least 1 year that the agency decided to adopt, "a timeline for full implementation"; GAO-17-618 App. V (estimated completion dates in the agency’s response).',
  kinds: ['recommendations'],
  check(document, context, report) {
    if (context.reviewDate < gaoIgActEnactment) {
      return;
    }
    for (const item of document.model.items) {
      if (item.status !== 'open' || item.agencyResponse === undefined || !agreed.has(item.agencyResponse)) {
        continue;
      }
      if (item.issued === undefined || !isIsoDate(item.issued) || context.reviewDate < addYears(item.issued, 1)) {
        continue;
      }
      const state = textKeyState(item.node, 'estimated_completion');
      if (state === 'present' || state === 'ill-typed') {
        continue;
      }
      const label = item.id ? `\`${item.id}\`${item.report ? ` (${item.report})` : ''}` : item.report ?? '(no id)';
      const agreement = item.agencyResponse === 'concur' ? 'the agency concurred' : 'the agency partially concurred';
      if (state === 'absent') {
        const edit = insertAfterKey(document, item.node, ['status_as_of', 'status', 'agency_response'], {
          key: 'estimated_completion',
          value: '',
          comment: estimatedCompletionComment,
        });
        report({
          span: spanOf(entryAnchor(item.node, ['id', 'report'])),
          message: `Recommendation ${label} has been open since ${item.issued} and ${agreement}, but no implementation timeline is recorded. Add the agency's estimated completion date.`,
          fixes: edit ? [{ title: 'Add `estimated_completion:` (then write the date)', isPreferred: true, edits: [edit] }] : undefined,
        });
      } else {
        report({
          span: spanOf(getPair(item.node, 'estimated_completion')!.key),
          message: `Recommendation ${label} has an empty \`estimated_completion\`. Write the agency's estimated completion date (YYYY-MM-DD).`,
        });
      }
    }
  },
};
