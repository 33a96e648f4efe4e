/**
 * Finding plan-audit files on disk and reading the file-based configuration (`.plan-audit.yaml`).
 * Node-only (fs); shared by the CLI and the language server's workspace index. The core stays pure.
 */
import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { AnalyzedDocument, AnalyzeOptions, AuditSettings } from './core/analyze';
import { analyzeText, knownRuleIds, wideEncodedDocument } from './core/analyze';
import { analyzeConfigText, configFileName } from './core/configFile';
import { textCharacterFindings } from './core/textChecks';
import { decodeWide, wideEncodingOfBytes } from './core/encoding';
import type { Severity } from './core/findings';
import { isIsoDate } from './core/dates';
import { kindFromFileName } from './core/fileKind';


/** Folders never searched: dependencies, build output and VCS data. */
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out', '.cache', '.vscode-test']);

/**
 * The file path of a `file:` URI, or undefined when it has none on this system: `fileURLToPath` throws
 * for a URI with a host (`file://server/share/x.yaml`) except on Windows, where it is a UNC path.
 */
export function filePathOfUri(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

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
  if (!document.kind && !named) {
    return undefined;
  }
  const characters = textCharacterFindings(uri, text, !isUtf8(bytes));
  return characters.length === 0 ? document : { ...document, baseFindings: [...characters, ...document.baseFindings] };
}

/** A path that `collectYamlFiles` did not read, and why (for a message: "<path>: <reason>"). */
export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
  /** True for a path named on the command line (then the CLI exits 2: it was asked to read it). */
  readonly explicit: boolean;
}

/**
 * Lists the YAML files under the given files or folders, sorted. Inside folders, symbolic links are
 * not followed (a link loop must not hang the check); a path named explicitly is followed once. Nothing
 * is skipped silently: a YAML-named entry that is not a regular file (a FIFO, a device, a socket, a
 * link) and an explicit path that is none, or a link that leads nowhere, is listed in `skipped`; a
 * FIFO is never opened (reading it would wait forever). Missing explicit paths are in `missing`.
 */
export function collectYamlFiles(inputs: readonly string[]): { files: string[]; missing: string[]; skipped: SkippedPath[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const skipped: SkippedPath[] = [];
  const visit = (entry: string, explicit: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(entry);
      if (explicit && stat.isSymbolicLink()) {
        try {
          stat = fs.statSync(entry);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          skipped.push({ path: entry, reason: `a symbolic link that leads nowhere (${code === 'ELOOP' ? 'a loop of links' : 'its target is missing'}); skipped`, explicit });
          return;
        }
      }
    } catch {
      if (explicit) {
        missing.push(entry);
      }
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = fs.readdirSync(entry).sort();
      } catch (error) {
        skipped.push({ path: entry, reason: `folder cannot be read (${error instanceof Error ? error.message : String(error)}); skipped`, explicit });
        return;
      }
      for (const name of names) {
        if (!skippedFolders.has(name)) {
          visit(path.join(entry, name), false);
        }
      }
    } else if (stat.isFile()) {
      if (explicit || isYamlFileName(entry)) {
        files.add(path.resolve(entry));
      }
    } else if (explicit || isYamlFileName(entry)) {
      skipped.push({ path: entry, reason: `${nonRegularKind(stat)}; skipped`, explicit });
    }
  };
  for (const input of inputs) {
    visit(input, true);
  }
  return { files: [...files].sort(), missing, skipped };
}

/** What a path that is neither a folder nor a regular file is, for the message that skips it. */
function nonRegularKind(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) {
    return 'a symbolic link, not followed inside folders (name it or its target to check it)';
  }
  const kind = stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : 'of an unknown type';
  return `not a regular file (${kind})`;
}

export { configFileName };

/** `.plan-audit.yaml` as read: the settings over `base`, and the file as a document when it has findings. */
export interface ConfigFile {
  readonly settings: AuditSettings;
  /** Problems that are not about the file's content (it cannot be read). */
  readonly problems: string[];
  /** The file with its findings (bad values, unknown keys, tags, binary bytes), when it has any. */
  readonly document?: AnalyzedDocument;
}

/**
 * Reads `.plan-audit.yaml` (`review_date`, `fiscal_year_start_month`, `rules: {id: severity|off}`) from
 * `folder`. Every problem in it is a finding in it (`core/configFile.ts`), so the server shows it in
 * Problems and the CLI prints it; a typo in the configuration is never ignored.
 */
export function readConfigFile(folder: string, base: AuditSettings): ConfigFile {
  const file = path.join(folder, configFileName);
  let bytes: Buffer;
  try {
    if (!fs.statSync(file).isFile()) {
      return { settings: base, problems: [`${file}: not a regular file; the settings in it are not read.`] };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { settings: base, problems: [] } : { settings: base, problems: [`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`] };
  }
  const uri = pathToFileURL(file).toString();
  const encoding = wideEncodingOfBytes(bytes);
  if (encoding) {
    return { settings: base, problems: [], document: wideEncodedDocument(uri, '', encoding) };
  }
  const analysis = analyzeConfigText(uri, bytes.toString('utf8'), base, knownRuleIds);
  return { settings: analysis.settings, problems: [], document: analysis.findings.length > 0 ? analysis.document : undefined };
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
  let fixAllInsertsPlaceholders = base.fixAllInsertsPlaceholders;
  const rawFixAll = record.fix_all ?? record.fixAll;
  if (rawFixAll !== undefined && rawFixAll !== null) {
    const fixAll = typeof rawFixAll === 'object' && !Array.isArray(rawFixAll) ? (rawFixAll as Record<string, unknown>) : undefined;
    const insert = fixAll ? (fixAll.insert_placeholders ?? fixAll.insertPlaceholders) : undefined;
    if (typeof insert === 'boolean') {
      fixAllInsertsPlaceholders = insert;
    } else if (!fixAll || insert !== undefined) {
      problems.push(`${where}: fix_all.insert_placeholders must be true or false.`);
    }
  }
  const settings: AuditSettings = { reviewDate, fiscalYearStartMonth, rules: ruleSettings };
  return { settings: fixAllInsertsPlaceholders === undefined ? settings : { ...settings, fixAllInsertsPlaceholders }, problems };
}
