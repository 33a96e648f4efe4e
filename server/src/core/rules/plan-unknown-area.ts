/**
 * plan-unknown-area: a plan whose `issue_area` is not the id of an area of any portfolio in the
 * workspace, so no area counts it and the area it was meant for may look uncovered. Reported on the
 * `issue_area` value, only when the workspace has at least one portfolio.
 *
 * Quick fix: replace the value with the closest area id ("did you mean"). This is the one fix in Plan
 * Audit that replaces text instead of inserting it (domain report §4): the edit deletes exactly the
 * value (`deleteCount` = its length) and writes the area id; nothing else in the file changes. Up to three
 * candidates are offered, nearest first; the nearest is preferred (Auto Fix) only when it is close and
 * unambiguous (no other candidate as close): equal ignoring case and punctuation (`AD/CVD`, `IPR`,
 * `trade_agreements`), a prefix of the id or the id a prefix of the value (`import` → `import-safety`),
 * or within an edit distance of 3 (`adcdv` → `adcvd`), in that order of preference.
 *
 * A plan naming the portfolio's own id instead of one of its areas gets a message that says so.
 */
import type { Fix } from '../findings';
import { describeArea, uriFileName } from '../coverage';
import type { Plan } from '../model';
import type { Rule } from '../rule';
import { workspaceIndex } from '../workspaceIndex';
import { spanOf } from '../tree';

/** How many areas the message lists before "…". */
const maxListedAreas = 12;
/** How many replacement fixes are offered. */
const maxCandidates = 3;
/** The largest edit distance that still counts as a typo. */
const closeDistance = 3;

interface Candidate {
  readonly id: string;
  readonly title?: string;
  /** 0: equal ignoring case and punctuation; 1: a prefix either way; 2: within `closeDistance`; 3: not close. */
  readonly tier: 0 | 1 | 2 | 3;
  readonly distance: number;
}

export const planUnknownArea: Rule<Plan> = {
  id: 'plan-unknown-area',
  title: "Plan's issue area is not in the portfolio",
  defaultSeverity: 'warning',
  criterion:
    'Consistency: each plan names, in `issue_area`, an area of the portfolio, so coverage can be judged per area (GAO-17-618 App. IV, Table 11 judges plans per Priority Trade Issue); GAO-03-143: measures linked to the agency’s goals and mission.',
  kinds: ['plan'],
  crossFile: true,
  check(document, context, report) {
    const plan = document.model;
    const valueNode = plan.issueAreaNode;
    const value = plan.issueArea;
    if (!valueNode || value === undefined) {
      return;
    }
    const index = workspaceIndex(context.workspace);
    const portfolios = index.portfolios;
    if (portfolios.length === 0) {
      return;
    }
    // Every area id of every portfolio with its first title, in order of first occurrence.
    const areas = index.areaTitles;
    if (areas.has(value)) {
      return;
    }
    const candidates = rankCandidates(value, areas);
    const best = candidates[0];
    const second = candidates[1];
    const unambiguous = best !== undefined && best.tier < 3 && (second === undefined || second.tier > best.tier || second.distance > best.distance);
    const portfolioNames = portfolios.map((portfolio) => `${portfolio.model.id ? `\`${portfolio.model.id}\`` : 'the portfolio'} (${uriFileName(portfolio.uri)})`).join(' and ');
    const selfPortfolio = portfolios.find((portfolio) => portfolio.model.id === value);
    const listed = [...areas.keys()].slice(0, maxListedAreas).map((id) => `\`${id}\``).join(', ') + (areas.size > maxListedAreas ? ', …' : '');
    const head = selfPortfolio
      ? `\`${value}\` is the id of the portfolio itself (${uriFileName(selfPortfolio.uri)}), not one of its areas: a plan belongs to one area.`
      : `\`${value}\` is not an area of ${portfolioNames}, so no area counts this plan.`;
    const hint = unambiguous ? ` Did you mean ${describeArea(best.id, best.title)}?` : areas.size > 0 ? ` The areas are ${listed}.` : ' The portfolio lists no areas.';
    const valueLength = valueNode.end - valueNode.start;
    const fixes: Fix[] = candidates.slice(0, maxCandidates).map((candidate, index) => ({
      title: `Change to \`${candidate.id}\`${candidate.title ? ` (${candidate.title})` : ''}`,
      isPreferred: index === 0 && unambiguous ? true : undefined,
      complete: true,
      edits: [{ offset: valueNode.start, deleteCount: valueLength, insertText: yamlScalar(candidate.id) }],
    }));
    report({ span: spanOf(valueNode), message: `${head}${hint} Use an area id from the portfolio, or add the area to it.`, fixes });
  },
};

/**
 * Area ids ordered by closeness to `value`: equal ignoring case and punctuation, then prefixes, then
 * within an edit distance of 3, then the rest; by edit distance, then id, within each tier.
 */
export function rankCandidates(value: string, areas: ReadonlyMap<string, string | undefined>): Candidate[] {
  const wanted = normalize(value);
  const candidates: Candidate[] = [];
  for (const [id, title] of areas) {
    const normalized = normalize(id);
    const distance = editDistance(wanted, normalized);
    const prefix = Math.min(wanted.length, normalized.length) >= 3 && (normalized.startsWith(wanted) || wanted.startsWith(normalized));
    const tier = distance === 0 ? 0 : prefix ? 1 : distance <= closeDistance ? 2 : 3;
    candidates.push({ id, title, tier, distance });
  }
  return candidates.sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.id.localeCompare(b.id));
}

/** Lower case, letters and digits only: `AD/CVD` and `adcvd`, `trade_agreements` and `trade-agreements` match. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Writes an id as a YAML plain scalar when that reads back as the same string, else double-quoted. */
function yamlScalar(id: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(id) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(id);
  return plain ? id : JSON.stringify(id);
}
