/**
 * The `plan-audit` command line (entry point: `cli.ts`). It runs the same core as the language server.
 *
 *     plan-audit check <files or folders…> [--format text|json|sarif] [--review-date YYYY-MM-DD]
 *                      [--fiscal-year-start-month N] [--show-suppressed]
 *     plan-audit summary <files or folders…> [--format text|markdown|html|csv|json] [--review-date YYYY-MM-DD]
 *
 * Exit codes (`exitCodes`): 0 no error-level finding; 1 at least one error-level finding; 2 bad usage or
 * unreadable input; 3 an internal error (a bug in Plan Audit), with its message on stderr.
 */
import * as path from 'path';
import { fileURLToPath } from 'url';
import { createAnalysisCache } from './core/analysisCache';
import type { AnalyzedDocument, AuditSettings } from './core/analyze';
import { auditWorkspace, createAuditContext, defaultAuditSettings, groupByPortfolioScope } from './core/analyze';
import type { Finding } from './core/findings';
import { severityRank } from './core/findings';
import { isIsoDate } from './core/dates';
import { LineIndex } from './core/lines';
import { analyzeFile, collectYamlFiles, readConfigFile } from './workspaceFiles';
import { formatSarif } from './sarif';
import { escapeControlCharacters } from './textEscapes';
import { formatSummaryOf, isSummaryFormat, summaryCommandFormats } from './summaryCommand';

export const usage = `Usage: plan-audit check <files or folders...> [options]
       plan-audit summary <files or folders...> [--format text|markdown|html|csv|json] [options]

check: checks plan-audit YAML files (plans, staffing, portfolios, recommendations) and prints findings,
then the summary. summary: prints only the summary (coverage, targets, staffing, recommendations).

Options:
  --format text|json|sarif       output format (default: text); sarif: SARIF 2.1.0 for code scanning
  --review-date YYYY-MM-DD       the audit's "as of" date (default: the portfolio's review_date, else today)
  --fiscal-year-start-month N    month the fiscal year starts in, 1-12 (default: 10, October)
  --show-suppressed              also list findings suppressed by a justified exception
  -h, --help                     show this help

Exit code: 0 when no error-level finding, 1 when there is one, 2 on bad usage,
3 on an internal error (a bug in Plan Audit; the message is on stderr).`;

/** The exit codes: 1 means "findings exist" and nothing else, so a crash must not exit with it. */
export const exitCodes = { clean: 0, errorFindings: 1, usage: 2, internalError: 3 } as const;

export interface CliOptions {
  readonly command: 'check' | 'summary';
  readonly paths: string[];
  /** `summary` takes text, markdown, html, csv or json. */
  readonly format: 'text' | 'json' | 'sarif' | 'markdown' | 'html' | 'csv';
  readonly reviewDate?: string;
  readonly fiscalYearStartMonth?: number;
  readonly showSuppressed: boolean;
}

/** Parses the command line; returns an error message for bad usage. */
export function parseArguments(argv: readonly string[]): CliOptions | { error: string } | { help: true } {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    return { help: true };
  }
  if (command !== 'check' && command !== 'summary') {
    return { error: `Unknown command "${command}".` };
  }
  const paths: string[] = [];
  let format: CliOptions['format'] = 'text';
  let reviewDate: string | undefined;
  let fiscalYearStartMonth: number | undefined;
  let showSuppressed = false;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? rest[++index];
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--format': {
        const chosen = value();
        if (command === 'summary') {
          if (!isSummaryFormat(chosen)) {
            return { error: `--format must be ${summaryCommandFormats.join(', ')} for summary, not "${chosen ?? ''}".` };
          }
          format = chosen;
          break;
        }
        if (chosen !== 'text' && chosen !== 'json' && chosen !== 'sarif') {
          return { error: `--format must be text, json or sarif, not "${chosen ?? ''}".` };
        }
        format = chosen;
        break;
      }
      case '--review-date': {
        const chosen = value();
        if (!chosen || !isIsoDate(chosen)) {
          return { error: `--review-date must be a date written YYYY-MM-DD, not "${chosen ?? ''}".` };
        }
        reviewDate = chosen;
        break;
      }
      case '--fiscal-year-start-month': {
        const chosen = Number(value());
        if (!Number.isInteger(chosen) || chosen < 1 || chosen > 12) {
          return { error: '--fiscal-year-start-month must be a month number from 1 to 12.' };
        }
        fiscalYearStartMonth = chosen;
        break;
      }
      case '--show-suppressed':
        showSuppressed = true;
        break;
      default:
        if (arg.startsWith('-')) {
          return { error: `Unknown option "${arg}".` };
        }
        paths.push(arg);
    }
  }
  if (paths.length === 0) {
    return { error: 'Name at least one file or folder to check.' };
  }
  return { command, paths, format, reviewDate, fiscalYearStartMonth, showSuppressed };
}

/** The result of a check run, before formatting. */
export interface CheckResult {
  /** The review date(s) used: one per portfolio scope, comma-separated when they differ. */
  readonly reviewDate: string;
  readonly documents: readonly AnalyzedDocument[];
  readonly findings: readonly Finding[];
  readonly problems: readonly string[];
  /** True when a path named on the command line is missing or could not be read (exit code 2). */
  readonly badInput: boolean;
  /** The settings the files were audited with (the summary uses them too). */
  readonly settings: AuditSettings;
}

/** Reads, analyses and audits the files under `paths` (relative to `cwd`). */
export function runCheck(options: CliOptions, cwd: string): CheckResult {
  const { settings: fileSettings, problems, document: configDocument } = readConfigFile(cwd, defaultAuditSettings);
  const settings: AuditSettings = {
    ...fileSettings,
    reviewDate: options.reviewDate ?? fileSettings.reviewDate,
    fiscalYearStartMonth: options.fiscalYearStartMonth ?? fileSettings.fiscalYearStartMonth,
  };
  const { files, missing, skipped } = collectYamlFiles(options.paths.map((p) => path.resolve(cwd, p)));
  const allProblems = [...problems, ...missing.map((file) => `${path.relative(cwd, file) || file}: no such file or folder`)];
  for (const entry of skipped) {
    allProblems.push(`${path.relative(cwd, entry.path) || entry.path}: ${entry.reason}`);
  }
  let badInput = missing.length > 0 || skipped.some((entry) => entry.explicit);
  // Problems in `.plan-audit.yaml` are findings in it, printed with the others.
  const documents: AnalyzedDocument[] = configDocument ? [configDocument] : [];
  // One analysis cache per run: the schema validators compile once. No per-unit results: no file is edited.
  const cache = createAnalysisCache();
  for (const file of files) {
    let document: AnalyzedDocument | undefined;
    try {
      document = analyzeFile(file, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache });
    } catch (error) {
      allProblems.push(`${path.relative(cwd, file)}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
      badInput = true;
      continue;
    }
    if (document) {
      documents.push(document);
    }
  }
  const findingsByUri = auditWorkspace(documents, settings);
  const findings = documents.flatMap((document) => findingsByUri.get(document.uri) ?? []);
  const reviewDates = [...new Set(groupByPortfolioScope(documents).map((group) => createAuditContext(group, settings).reviewDate))].sort();
  return { reviewDate: reviewDates.join(', ') || createAuditContext([], settings).reviewDate, documents, findings, problems: allProblems, badInput, settings };
}

/** Formats findings as `file:line:col severity rule-id message`, one per line, paths relative to `cwd`. */
export function formatText(result: CheckResult, cwd: string, showSuppressed: boolean): string {
  const lineIndexes = new Map<string, LineIndex>();
  const textOf = new Map(result.documents.map((document) => [document.uri, document.text]));
  const lines: string[] = [];
  for (const finding of result.findings) {
    if (finding.suppressed && !showSuppressed) {
      continue;
    }
    let index = lineIndexes.get(finding.uri);
    if (!index) {
      index = new LineIndex(textOf.get(finding.uri) ?? '');
      lineIndexes.set(finding.uri, index);
    }
    const { line, character } = index.position(finding.span[0]);
    const file = escapeControlCharacters(path.relative(cwd, fileURLToPath(finding.uri)));
    const suppressed = finding.suppressed ? ` [suppressed: ${oneLine(finding.suppressed.reason)}]` : '';
    lines.push(`${file}:${line + 1}:${character + 1} ${finding.severity} ${finding.ruleId} ${oneLine(finding.message)}${suppressed}`);
  }
  const shown = result.findings.filter((finding) => !finding.suppressed);
  const count = (severity: Finding['severity']) => shown.filter((finding) => finding.severity === severity).length;
  const suppressedCount = result.findings.length - shown.length;
  lines.push(
    `${result.documents.length} file(s) checked at review date ${result.reviewDate}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s)` +
      (suppressedCount > 0 ? `, ${suppressedCount} suppressed by exceptions` : '') +
      '.',
  );
  return lines.join('\n') + '\n';
}

/** Formats the result as JSON for scripts: positions are 1-based lines and columns. */
export function formatJson(result: CheckResult, cwd: string, showSuppressed: boolean): string {
  const textOf = new Map(result.documents.map((document) => [document.uri, new LineIndex(document.text)]));
  const findings = result.findings
    .filter((finding) => showSuppressed || !finding.suppressed)
    .map((finding) => {
      const index = textOf.get(finding.uri) ?? new LineIndex('');
      const start = index.position(finding.span[0]);
      const end = index.position(finding.span[1]);
      return {
        file: path.relative(cwd, fileURLToPath(finding.uri)),
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: finding.severity,
        ruleId: finding.ruleId,
        message: finding.message,
        fixes: (finding.fixes ?? []).map((fix) => fix.title),
        suppressed: finding.suppressed ? { reason: finding.suppressed.reason } : undefined,
      };
    });
  return JSON.stringify({ reviewDate: result.reviewDate, files: result.documents.length, findings, problems: result.problems }, null, 2) + '\n';
}

/** A message on one line: line breaks and the blanks around them become one space, other control characters are escaped. */
function oneLine(text: string): string {
  return escapeControlCharacters(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** True when an unsuppressed error-level finding exists. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => !finding.suppressed && severityRank[finding.severity] === severityRank.error);
}

/** Entry point; returns the exit code. */
export function main(argv: readonly string[], cwd: string, out: (text: string) => void, err: (text: string) => void): number {
  const parsed = parseArguments(argv);
  if ('help' in parsed) {
    out(usage + '\n');
    return 0;
  }
  if ('error' in parsed) {
    err(`plan-audit: ${parsed.error}\n\n${usage}\n`);
    return exitCodes.usage;
  }
  const result = runCheck(parsed, cwd);
  for (const problem of result.problems) {
    err(`plan-audit: ${escapeControlCharacters(problem)}\n`);
  }
  if (parsed.command === 'summary') {
    out(formatSummaryOf(result, cwd, isSummaryFormat(parsed.format) ? parsed.format : 'text'));
    return result.badInput ? exitCodes.usage : exitCodes.clean;
  }
  out(
    parsed.format === 'sarif'
      ? formatSarif(result, cwd)
      : parsed.format === 'json'
        ? formatJson(result, cwd, parsed.showSuppressed)
        : formatText(result, cwd, parsed.showSuppressed) + formatSummaryOf(result, cwd, 'text').replace(/^(?=.)/, '\n'),
  );
  if (result.badInput) {
    return exitCodes.usage;
  }
  return hasErrors(result.findings) ? exitCodes.errorFindings : exitCodes.clean;
}

/**
 * Runs `run` (the command line's `main`) and turns an exception into exit code 3 and a message on
 * stderr. Without it, an uncaught exception exits with 1, the code for "findings exist", and a
 * RangeError from a stack overflow may print nothing at all.
 */
export function runCommandLine(
  argv: readonly string[],
  cwd: string,
  out: (text: string) => void,
  err: (text: string) => void,
  run: typeof main = main,
): number {
  try {
    return run(argv, cwd, out, err);
  } catch (error) {
    err(internalErrorMessage(error));
    return exitCodes.internalError;
  }
}

/** The stderr text for an internal error: what happened, that it is a bug, and the stack for the report. */
export function internalErrorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error && error.stack ? `\n${error.stack.split('\n').slice(1, 11).join('\n')}` : '';
  return `plan-audit: internal error: ${message}. This is a bug in Plan Audit, not a problem in your files; please report it with the command and the files that caused it.${stack}\n`;
}
