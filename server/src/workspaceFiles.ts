/**
 * Finding plan-audit files on disk and reading the file-based configuration (`.plan-audit.yaml`).
 * Node-only (fs); shared by the CLI and the language server's workspace index. The core stays pure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { pathToFileURL } from 'url';
import type { AnalyzedDocument, AnalyzeOptions, AuditSettings } from './core/analyze';
import { analyzeText, wideEncodedDocument } from './core/analyze';
import { decodeWide, wideEncodingOfBytes } from './core/encoding';
import type { Severity } from './core/findings';
import { isIsoDate } from './core/dates';
import { kindFromFileName } from './core/fileKind';


/** Folders never searched: dependencies, build output and VCS data. */
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out', '.cache', '.vscode-test']);

/** True for a name that matches the plan-audit suffixes. */
export function hasPlanFileName(fileName: string): boolean {
  return kindFromFileName(fileName) !== undefined;
}

/** True for any YAML file name; such files are plan-audit files when they declare a known `kind`. */
export function isYamlFileName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** Quick content test before a full parse: does the text declare one of the four kinds at top level? */
export function declaresPlanKind(text: string): boolean {
  return /^kind:\s*["']?(plan|staffing|portfolio|recommendations)["']?\s*(#.*)?$/m.test(text);
}

/**
 * Reads and analyses a file from disk when it is a plan-audit file: a plan-audit name (then always), or
 * YAML that declares a known kind. Undefined for any other file. A file saved as UTF-16 or UTF-32 gets
 * the one finding that says so; its `kind:` line is read from the decoded text. Throws when the file
 * cannot be read.
 */
export function analyzeFile(file: string, options: AnalyzeOptions): AnalyzedDocument | undefined {
  const bytes = fs.readFileSync(file);
  const encoding = wideEncodingOfBytes(bytes);
  const text = encoding ? decodeWide(bytes, encoding) : bytes.toString('utf8');
  const named = hasPlanFileName(file);
  if (!named && !declaresPlanKind(text)) {
    return undefined;
  }
  const uri = pathToFileURL(file).toString();
  if (encoding) {
    return wideEncodedDocument(uri, '', encoding);
  }
  const document = analyzeText(uri, text, options);
  // `kind: plan` inside a block scalar or a later document matches the quick test but declares nothing.
  return document.kind || named ? document : undefined;
}

/**
 * Lists the YAML files under the given files or folders, sorted, without following symbolic links
 * (a link loop must not hang the check). Missing paths are returned in `missing`.
 */
export function collectYamlFiles(inputs: readonly string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const visit = (entry: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(entry);
    } catch {
      if (explicit) {
        missing.push(entry);
      }
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry).sort()) {
        if (!skippedFolders.has(name)) {
          visit(path.join(entry, name), false);
        }
      }
    } else if (stat.isFile() && (explicit || isYamlFileName(entry))) {
      files.add(path.resolve(entry));
    }
  };
  for (const input of inputs) {
    visit(input, true);
  }
  return { files: [...files].sort(), missing };
}

/** The name of the file-based configuration, read from the workspace root (the CLI's working folder). */
export const configFileName = '.plan-audit.yaml';

/**
 * Reads `.plan-audit.yaml` (`review_date`, `fiscal_year_start_month`, `rules: {id: severity|off}`).
 * Returns the settings and any problems found, so a typo in the configuration is reported, not ignored.
 */
export function readConfigFile(folder: string, base: AuditSettings): { settings: AuditSettings; problems: string[] } {
  const file = path.join(folder, configFileName);
  if (!fs.existsSync(file)) {
    return { settings: base, problems: [] };
  }
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'), { maxAliasCount: 50 });
  } catch (error) {
    return { settings: base, problems: [`${file}: not valid YAML (${error instanceof Error ? error.message : String(error)})`] };
  }
  return settingsFromRaw(raw, base, file, problems);
}

const severities: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Sanitises raw configuration (from a file or from the editor's settings) into `AuditSettings`. */
export function settingsFromRaw(raw: unknown, base: AuditSettings, where: string, problems: string[]): { settings: AuditSettings; problems: string[] } {
  if (raw === null || raw === undefined) {
    return { settings: base, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${where}: expected a map of settings.`);
    return { settings: base, problems };
  }
  const record = raw as Record<string, unknown>;
  let reviewDate = base.reviewDate;
  const rawDate = record.review_date ?? record.reviewDate;
  if (typeof rawDate === 'string' && rawDate !== '') {
    if (isIsoDate(rawDate)) {
      reviewDate = rawDate;
    } else {
      problems.push(`${where}: review_date "${rawDate}" is not a date written YYYY-MM-DD.`);
    }
  }
  let fiscalYearStartMonth = base.fiscalYearStartMonth;
  const rawMonth = record.fiscal_year_start_month ?? record.fiscalYearStartMonth;
  if (rawMonth !== undefined) {
    if (typeof rawMonth === 'number' && Number.isInteger(rawMonth) && rawMonth >= 1 && rawMonth <= 12) {
      fiscalYearStartMonth = rawMonth;
    } else {
      problems.push(`${where}: fiscal_year_start_month must be a month number from 1 to 12.`);
    }
  }
  const ruleSettings: Record<string, Severity | 'off'> = { ...base.rules };
  if (record.rules !== undefined) {
    if (typeof record.rules === 'object' && record.rules !== null && !Array.isArray(record.rules)) {
      for (const [id, value] of Object.entries(record.rules as Record<string, unknown>)) {
        if (typeof value === 'string' && (severities as readonly string[]).includes(value)) {
          ruleSettings[id] = value as Severity | 'off';
        } else {
          problems.push(`${where}: rules.${id} must be one of ${severities.join(', ')}.`);
        }
      }
    } else {
      problems.push(`${where}: rules must be a map of rule id to severity.`);
    }
  }
  return { settings: { reviewDate, fiscalYearStartMonth, rules: ruleSettings }, problems };
}
