/**
 * goal-without-measures: a goal, or an objective, that no performance measure covers.
 *
 * A goal is reported when neither it nor any of its objectives has a measure (one finding, naming the
 * objectives). When a goal has measures somewhere, each of its objectives without a measure is reported
 * on its own. A `measures` or `objectives` key holding something other than a list is left to the schema.
 */
import type { Plan } from '../model';
import { describeEntry, entryAnchor } from '../model';
import type { Rule } from '../rule';
import type { MapNode } from '../tree';
import { getNode, spanOf } from '../tree';

export const goalWithoutMeasures: Rule<Plan> = {
  id: 'goal-without-measures',
  title: 'Goal or objective without measures',
  defaultSeverity: 'warning',
  criterion:
    'GAO/GGD-10.1.20 (Evaluator’s Guide), cited in GAO-17-618 fn 49: "goals and measures covering each of its program activities"; GPRA Modernization Act, 31 U.S.C. 1115(b)(6): performance indicators to measure progress toward each performance goal; GAO-03-143: core program activities.',
  kinds: ['plan'],
  check(document, _context, report) {
    for (const goal of document.model.goals) {
      if (isIllTyped(goal.node, 'measures') || isIllTyped(goal.node, 'objectives')) {
        continue;
      }
      const bare = goal.objectives.filter((objective) => objective.measures.length === 0 && !isIllTyped(objective.node, 'measures'));
      const goalLabel = describeEntry(goal.id, goal.title);
      if (goal.measures.length === 0 && bare.length === goal.objectives.length) {
        const objectives =
          goal.objectives.length === 0
            ? ''
            : `, nor ${goal.objectives.length === 1 ? 'does its objective' : 'do its objectives'} ${goal.objectives.map((objective) => describeEntry(objective.id, objective.title)).join(', ')}`;
        report({
          span: spanOf(entryAnchor(goal.node, ['title', 'id'])),
          message: `Goal ${goalLabel} has no performance measure${objectives}. Add the measures that show progress toward it.`,
        });
        continue;
      }
      for (const objective of bare) {
        report({
          span: spanOf(entryAnchor(objective.node, ['title', 'id'])),
          message: `Objective ${describeEntry(objective.id, objective.title)} of goal ${goalLabel} has no performance measure. Add the measures that show progress toward it.`,
        });
      }
    }
  },
};

/** True when `key` holds a value that is neither a list nor empty (the schema reports it). */
function isIllTyped(map: MapNode, key: string): boolean {
  const node = getNode(map, key);
  return node !== undefined && node.kind !== 'seq' && !(node.kind === 'scalar' && node.value === null);
}
