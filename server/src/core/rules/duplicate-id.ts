/**
 * duplicate-id, across files: two plan files with one plan `id`, or two portfolios with one area `id`.
 * Reported (error) on the second occurrence's `id` value, files taken in URI order, with a related
 * location pointing at the first, so the coverage of an area, the summary and links by id stay
 * unambiguous.
 *
 * One id, two checks: duplicates inside one file (goals, objectives, measures, positions, areas,
 * recommendations) are found with the schema (`checkDuplicates` in `validateSchema.ts`) and reported
 * under the same id, `duplicate-id`, so one setting and one docs page govern both. That in-file check is
 * not a registry rule (`analyze.ts` lists its id in `knownRuleIds`), so this registry entry is the only
 * rule with the id: it carries the metadata (title, criterion, docs) for both. This rule never reports a
 * duplicate whose first occurrence is in the same file (the in-file check's job).
 */
import type { Span } from '../findings';
import { compareUris, uriFileName } from '../coverage';
import type { PlanAuditModel } from '../model';
import type { Rule } from '../rule';
import type { ScalarNode } from '../tree';
import { getNode, spanOf } from '../tree';
import { workspaceIndex } from '../workspaceIndex';

export const duplicateId: Rule<PlanAuditModel> = {
  id: 'duplicate-id',
  title: 'Id used twice',
  defaultSeverity: 'error',
  criterion:
    'Consistency: every plan, area, goal, objective, measure, position and recommendation has its own id (StratML `Identifier` is an xsd:ID; OSCAL ids are unique); plan ids are unique across plan files and area ids across portfolios.',
  kinds: ['plan', 'portfolio'],
  crossFile: true,
  check(document, context, report) {
    const model = document.model;
    if (model.kind === 'plan') {
      const idNode = scalarId(getNode(model.node, 'id'));
      if (!idNode || model.id === undefined) {
        return;
      }
      // The first plan in uri order with this id (a map look-up, not a scan of the workspace).
      const first = workspaceIndex(context.workspace).firstPlanById.get(model.id);
      if (!first || first.uri === document.uri) {
        return;
      }
      const firstSpan = spanOf(scalarId(getNode(first.model.node, 'id'))) ?? ([0, 0] as Span);
      report({
        span: spanOf(idNode),
        message: `Plan id \`${model.id}\` is also the id of the plan in ${uriFileName(first.uri)}. Give each plan its own id, or remove the copy.`,
        related: [{ uri: first.uri, span: firstSpan, message: `first plan with id \`${model.id}\`` }],
      });
    } else if (model.kind === 'portfolio') {
      const occurrences = workspaceIndex(context.workspace).areaOccurrences;
      for (const area of model.areas) {
        if (area.id === undefined || !area.idNode) {
          continue;
        }
        // The first portfolio before this one, in uri order, that lists the id, and its first such area.
        const earlier = occurrences.get(area.id)?.find((occurrence) => compareUris(occurrence.portfolio.uri, document.uri) < 0);
        if (earlier) {
          const { portfolio: other, area: match } = earlier;
          report({
            span: spanOf(area.idNode),
            message: `Area id \`${area.id}\` is also an area of the portfolio in ${uriFileName(other.uri)}${other.model.id ? ` (\`${other.model.id}\`)` : ''}. An area belongs to one portfolio: remove it from one of them, or rename it.`,
            related: [{ uri: other.uri, span: spanOf(match.idNode ?? match.node), message: `first area with id \`${area.id}\`` }],
          });
        }
      }
    }
  },
};

function scalarId(node: ReturnType<typeof getNode>): ScalarNode | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node : undefined;
}
