/**
 * portfolio-conflict (new): a portfolio that cannot govern its plans unambiguously.
 *
 * 1. **Two portfolios in one workspace scope.** A portfolio governs the plan-audit files in its folder
 *    and below (`groupByPortfolioScope` in `analyze.ts`); two portfolios in one folder share those files.
 *    Their plans are then checked against the areas of both, and only one review date applies (the
 *    first portfolio's). Reported on each portfolio's `id` key (else its `kind` key), naming the other
 *    file(s), with related locations.
 * 2. **A portfolio that references itself**: an area whose id is the portfolio's own id. A portfolio is
 *    not one of its own issue areas; plans naming that id would be counted for an "area" that is really
 *    the whole portfolio. Reported on the area's `id` value. (A plan whose `issue_area` is the
 *    portfolio's id, when no area has it, is reported by `plan-unknown-area` on the plan, with a message
 *    that says it names the portfolio itself: that is where the fix belongs.)
 */
import { portfolioDocuments, uriFileName } from '../coverage';
import type { Portfolio } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';

export const portfolioConflict: Rule<Portfolio> = {
  id: 'portfolio-conflict',
  title: 'Conflicting or self-referencing portfolio',
  defaultSeverity: 'warning',
  criterion:
    'Consistency: one portfolio defines the issue areas and the review date of the plans it governs (GAO-17-618 Table 1 and App. IV, Table 11: one list of Priority Trade Issues, one "as of" date); an area is a part of the portfolio, not the portfolio itself.',
  kinds: ['portfolio'],
  crossFile: true,
  check(document, context, report) {
    const portfolio = document.model;
    const anchor = getPair(portfolio.node, 'id') ?? getPair(portfolio.node, 'kind');
    const others = portfolioDocuments(context.workspace).filter((other) => other.uri !== document.uri);
    if (anchor && others.length > 0) {
      const names = others.map((other) => `${other.model.id ? `\`${other.model.id}\`` : 'a portfolio'} in ${uriFileName(other.uri)}`).join(', ');
      const dates = [portfolio.reviewDate, ...others.map((other) => other.model.reviewDate)].filter((date): date is string => date !== undefined);
      const dateNote =
        new Set(dates).size > 1 ? ` Their review dates differ (${[...new Set(dates)].join(', ')}); the audit uses ${context.reviewDate}.` : '';
      report({
        span: spanOf(anchor.key),
        message: `This folder has ${others.length + 1} portfolios: ${portfolio.id ? `\`${portfolio.id}\`` : 'this one'} and ${names}. They govern the same plans, which are then checked against the areas of all of them, under one review date.${dateNote} Keep one portfolio per folder (a portfolio governs its folder and the folders below it), or merge them.`,
        related: others.map((other) => ({
          uri: other.uri,
          span: spanOf((getPair(other.model.node, 'id') ?? getPair(other.model.node, 'kind'))?.key) ?? spanOf(other.model.node),
          message: `the other portfolio${other.model.id ? ` \`${other.model.id}\`` : ''}`,
        })),
      });
    }
    if (portfolio.id !== undefined) {
      for (const area of portfolio.areas) {
        if (area.id === portfolio.id && area.idNode) {
          report({
            span: spanOf(area.idNode),
            message: `Area \`${area.id}\` has the id of the portfolio itself: a portfolio is not one of its own areas, and plans naming \`${area.id}\` would be counted for the whole portfolio. Give the area its own id (and use it in the plans' \`issue_area\`).`,
          });
        }
      }
    }
  },
};
