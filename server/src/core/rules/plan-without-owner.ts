/**
 * plan-without-owner: nobody is named as accountable for the plan's goals. The GPRA Modernization Act
 * calls these officials goal leaders (31 U.S.C. 1115(b)(5)(E)).
 *
 * An `owner` on the plan covers every goal; a goal's own `owner` covers that goal. With neither, the
 * plan is reported once, on its `title` key. When some goals name an owner and the plan does not, each
 * goal without one is reported instead. A missing `owner` key gets a quick fix that inserts `owner: ""`
 * with a comment; an empty owner (what the fix leaves behind) is still reported, without a fix.
 *
 * Default severity is information; domain research suggests warning for annual plans, which a
 * workspace can choose with `planAudit.rules` / `.plan-audit.yaml`.
 */
import type { Plan } from '../model';
import { describeEntry, entryAnchor } from '../model';
import { insertAfterKey } from '../fixes';
import type { Rule } from '../rule';
import type { MapNode } from '../tree';
import { getPair, spanOf } from '../tree';

/** The comment the fix writes after `owner:`. */
export const ownerComment = "the official accountable for the plan's goals (31 U.S.C. 1115(b)(5)(E))";

/** The comment the fix writes after a goal's `owner:`. */
export const goalOwnerComment = 'the goal leader, the official accountable for this goal (31 U.S.C. 1115(b)(5)(E))';

type OwnerState = 'absent' | 'empty' | 'present';

/** An owner is text (the schema reports other types; a map or list is not reported here); blank text and `owner:` are empty. */
function ownerState(map: MapNode): OwnerState {
  const value = getPair(map, 'owner')?.value;
  if (!value) {
    return 'absent';
  }
  if (value.kind !== 'scalar') {
    return 'present';
  }
  return value.value === null || (typeof value.value === 'string' && value.value.trim() === '') ? 'empty' : 'present';
}

export const planWithoutOwner: Rule<Plan> = {
  id: 'plan-without-owner',
  title: 'Plan without an owner (goal leader)',
  defaultSeverity: 'information',
  criterion:
    'GPRA Modernization Act, 31 U.S.C. 1115(b)(5)(E): the plan identifies "the agency officials responsible for the achievement of each performance goal, who shall be known as goal leaders"; 31 U.S.C. 1120(b); OMB Circular A-11 § 200.',
  kinds: ['plan'],
  check(document, _context, report) {
    const plan = document.model;
    const planOwner = ownerState(plan.node);
    if (planOwner === 'present') {
      return;
    }
    const goalOwners = plan.goals.map((goal) => ownerState(goal.node));
    if (goalOwners.includes('present')) {
      plan.goals.forEach((goal, index) => {
        const state = goalOwners[index];
        if (state === 'present') {
          return;
        }
        const label = describeEntry(goal.id, goal.title);
        if (state === 'empty') {
          report({ span: spanOf(getPair(goal.node, 'owner')!.key), message: `Goal ${label} has an empty \`owner\`, and the plan names none. Name its goal leader.` });
          return;
        }
        const edit = insertAfterKey(document, goal.node, ['title', 'id'], { key: 'owner', value: '""', comment: goalOwnerComment });
        report({
          span: spanOf(entryAnchor(goal.node, ['title', 'id'])),
          message: `Goal ${label} names no owner, and the plan names none. Name the official accountable for it (its goal leader).`,
          fixes: edit ? [{ title: 'Add `owner:` to the goal (then name the official)', isPreferred: true, edits: [edit] }] : undefined,
        });
      });
      return;
    }
    if (planOwner === 'empty') {
      report({ span: spanOf(getPair(plan.node, 'owner')!.key), message: 'The plan has an empty `owner`, and no goal names one. Name the official accountable for the plan’s goals.' });
      return;
    }
    const edit = insertAfterKey(document, plan.node, ['office', 'agency', 'title', 'id'], { key: 'owner', value: '""', comment: ownerComment });
    report({
      span: spanOf(entryAnchor(plan.node, ['title', 'id'])),
      message: `Plan ${describeEntry(plan.id, plan.title)} names no owner, and none of its goals does. Name the official accountable for the plan’s goals (the goal leader).`,
      fixes: edit ? [{ title: 'Add `owner:` (then name the official)', isPreferred: true, edits: [edit] }] : undefined,
    });
  },
};
