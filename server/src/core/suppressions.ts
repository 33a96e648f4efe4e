/**
 * Justified exceptions recorded in the YAML:
 *
 *     # plan-audit-disable-next-line <rule-id>[, <rule-id>…] -- <reason>
 *     # plan-audit-disable <rule-id>[, <rule-id>…] -- <reason>        (whole file)
 *
 * An exception suppresses matching findings on the next non-blank, non-comment line (or in the whole
 * file). An exception without a reason, naming an unknown rule, or suppressing nothing, is itself a
 * finding, so exceptions stay justified and current.
 */
import type { Finding, Span } from './findings';
import { LineIndex } from './lines';

export const SuppressionRuleIds = {
  withoutReason: 'exception-without-reason',
  unused: 'exception-unused',
} as const;

interface Exception {
  readonly ruleIds: readonly string[];
  readonly reason: string;
  readonly span: Span;
  /** 0-based line the exception covers; undefined for a whole-file exception. */
  readonly targetLine?: number;
  used: boolean;
}

const directive = /(^|\s)#\s*plan-audit-disable(-next-line)?\b(.*)$/;

/** Finds every exception comment in the text. */
function findExceptions(text: string, lines: LineIndex): Exception[] {
  const exceptions: Exception[] = [];
  if (!text.includes('plan-audit-disable')) {
    return exceptions;
  }
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    const match = directive.exec(lineText);
    if (!match) {
      continue;
    }
    const hashColumn = match.index + match[1].length;
    const [idsPart, ...reasonParts] = match[3].split(/\s--(?:\s|$)/);
    const reason = reasonParts.join(' -- ').trim();
    const ruleIds = idsPart
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const start = lines.lineStarts[line] + hashColumn;
    const exception: Exception = {
      ruleIds,
      reason,
      span: [start, lines.lineStarts[line] + lineText.length],
      targetLine: match[2] ? nextContentLine(lines, line) : undefined,
      used: false,
    };
    exceptions.push(exception);
  }
  return exceptions;
}

function nextContentLine(lines: LineIndex, line: number): number | undefined {
  for (let next = line + 1; next < lines.lineCount; next++) {
    const trimmed = lines.lineText(next).trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      return next;
    }
  }
  return undefined;
}

/**
 * Marks the findings that exceptions suppress and adds findings about the exceptions themselves.
 * `knownRuleIds` lets an exception naming a rule that does not exist be reported.
 */
export function applySuppressions(uri: string, text: string, findings: readonly Finding[], knownRuleIds: ReadonlySet<string>): Finding[] {
  if (!text.includes('plan-audit-disable')) {
    return [...findings];
  }
  const lines = new LineIndex(text);
  const exceptions = findExceptions(text, lines);
  const result: Finding[] = [];
  for (const finding of findings) {
    const line = lines.lineOf(finding.span[0]);
    const exception = exceptions.find(
      (candidate) =>
        candidate.reason !== '' &&
        candidate.ruleIds.includes(finding.ruleId) &&
        (candidate.targetLine === undefined || candidate.targetLine === line),
    );
    if (exception) {
      exception.used = true;
      result.push({ ...finding, suppressed: { reason: exception.reason, span: exception.span } });
    } else {
      result.push(finding);
    }
  }
  for (const exception of exceptions) {
    const unknown = exception.ruleIds.filter((id) => !knownRuleIds.has(id));
    if (exception.ruleIds.length === 0) {
      result.push(meta(uri, SuppressionRuleIds.withoutReason, exception.span, 'This exception names no rule. Write `# plan-audit-disable-next-line <rule-id> -- <reason>`.'));
    } else if (exception.reason === '') {
      result.push(
        meta(uri, SuppressionRuleIds.withoutReason, exception.span, `This exception for ${exception.ruleIds.map((id) => `\`${id}\``).join(', ')} gives no reason, so it suppresses nothing. Add \` -- <why the rule does not apply>\`.`),
      );
    } else if (unknown.length > 0) {
      result.push(meta(uri, SuppressionRuleIds.unused, exception.span, `This exception names ${unknown.map((id) => `\`${id}\``).join(', ')}, which is not a Plan Audit rule.`));
    } else if (!exception.used) {
      const where = exception.targetLine === undefined ? 'in this file' : 'on the next line';
      result.push(meta(uri, SuppressionRuleIds.unused, exception.span, `This exception suppresses nothing: no ${exception.ruleIds.map((id) => `\`${id}\``).join(', ')} finding ${where}. Remove it or move it.`));
    }
  }
  return result;
}

function meta(uri: string, ruleId: string, span: Span, message: string): Finding {
  return { ruleId, severity: 'warning', message, uri, span };
}
