/**
 * Hover: what an auditor wants to know about the node under the cursor. On a finding: the rule, why
 * it matters (its criterion) and how to fix or justify it. On a measure: its target status (targets by
 * year, baseline, latest actual).
 */
import type { Finding } from '../core/findings';
import type { Measure, Plan, PlanAuditModel, YearValue } from '../core/model';
import { allMeasures } from '../core/model';
import { findRule } from '../core/rules/index';

/** Markdown for the hover at `offset`, or undefined when there is nothing to say. */
export function hoverMarkdown(
  model: PlanAuditModel | undefined,
  findings: readonly Finding[],
  offset: number,
  docsUri: (ruleId: string) => string | undefined,
): string | undefined {
  const sections: string[] = [];
  const here = findings.filter((finding) => !finding.suppressed && finding.span[0] <= offset && offset <= finding.span[1]);
  for (const finding of here) {
    sections.push(findingMarkdown(finding, docsUri(finding.ruleId)));
  }
  if (model?.kind === 'plan') {
    const measure = measureAt(model, offset);
    if (measure) {
      sections.push(measureStatusMarkdown(measure));
    }
  }
  return sections.length > 0 ? sections.join('\n\n---\n\n') : undefined;
}

/** Rule titles, criteria and fix titles are the project's own Markdown; only YAML-derived text is escaped. */
function findingMarkdown(finding: Finding, href: string | undefined): string {
  const rule = findRule(finding.ruleId);
  const title = rule ? rule.title : finding.ruleId;
  const lines = [`**Plan Audit: ${escapeMarkdown(title)}** (\`${finding.ruleId}\`, ${finding.severity})`];
  if (rule) {
    lines.push('', `*Criterion:* ${rule.criterion}`);
  }
  const fixes = (finding.fixes ?? []).map((fix) => fix.title);
  if (fixes.length > 0) {
    lines.push('', `*Quick fix (Ctrl+.):* ${fixes.join('; ')}`);
  } else {
    lines.push('', `*To justify instead:* \`# plan-audit-disable-next-line ${finding.ruleId} -- <reason>\` on the line above.`);
  }
  if (href) {
    lines.push('', `[Rule documentation](${href})`);
  }
  return lines.join('\n');
}

/** The innermost measure whose map contains `offset`. */
export function measureAt(plan: Plan, offset: number): Measure | undefined {
  return allMeasures(plan).find((measure) => measure.node.start <= offset && offset <= measure.node.end);
}

/** Target status of a measure, as a small Markdown table. */
export function measureStatusMarkdown(measure: Measure): string {
  const name = measure.name ? escapeMarkdown(measure.name) : '(unnamed measure)';
  const lines = [`**Measure${measure.id ? ` \`${measure.id}\`` : ''}: ${name}**${measure.unit ? ` (${escapeMarkdown(measure.unit)})` : ''}`, ''];
  if (measure.targets.length > 0) {
    lines.push('| Fiscal year | Target | Actual |', '|---|---|---|');
    const actualByYear = new Map(measure.actuals.filter((a) => a.fiscalYear !== undefined).map((a) => [a.fiscalYear, a]));
    for (const target of [...measure.targets].sort(byYear)) {
      lines.push(`| ${target.fiscalYear !== undefined ? `FY${target.fiscalYear}` : '?'} | ${formatValue(target)} | ${formatValue(actualByYear.get(target.fiscalYear))} |`);
    }
  } else {
    const reason = measure.targetNotApplicablePair?.value;
    if (reason?.kind === 'scalar' && typeof reason.value === 'string' && reason.value.trim() !== '') {
      lines.push(`Targets: not applicable — ${escapeMarkdown(reason.value)}`);
    } else if (measure.targetNotApplicablePair) {
      lines.push('Targets: marked not applicable, **but no reason is given**.');
    } else {
      lines.push('Targets: **none set**.');
    }
  }
  lines.push('', `Baseline: ${measure.baseline ? `${formatValue(measure.baseline)}${measure.baseline.fiscalYear !== undefined ? ` (FY${measure.baseline.fiscalYear})` : ''}` : 'none'}`);
  const latest = [...measure.actuals].filter((actual) => actual.fiscalYear !== undefined).sort(byYear).pop();
  lines.push('', `Latest actual: ${latest ? `${formatValue(latest)} (FY${latest.fiscalYear})` : 'none reported'}`);
  if (measure.dataSource) {
    lines.push('', `Data source: ${escapeMarkdown(measure.dataSource)}`);
  }
  return lines.join('\n');
}

function byYear(a: YearValue, b: YearValue): number {
  return (a.fiscalYear ?? 0) - (b.fiscalYear ?? 0);
}

function formatValue(entry: YearValue | undefined): string {
  if (!entry || entry.value === undefined || entry.value === null) {
    return '—';
  }
  return typeof entry.value === 'number' ? entry.value.toLocaleString('en-US') : escapeMarkdown(String(entry.value));
}

/** Escapes text from the user's YAML so it shows literally in Markdown (no links, no HTML, no tables). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}
