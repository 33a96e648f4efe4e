/**
 * `.plan-audit.yaml`, the workspace's file-based settings, checked like any other file: every problem
 * in it is a finding in it (shown in Problems by the server, printed by the CLI), never a silent
 * fallback. Pure: the caller reads the file.
 *
 *     review_date: 2017-02-28          # YYYY-MM-DD
 *     fiscal_year_start_month: 10      # 1-12
 *     rules:
 *       plan-without-owner: warning    # error | warning | information | hint | off
 *     fix_all:
 *       insert_placeholders: false     # fix-all also inserts empty values to fill in
 *
 * A value that is wrong is reported and not applied (the default, or the editor's setting, stays); the
 * other settings of the file still apply. A file that is not valid YAML applies none of them.
 */
import { isNode, parseDocument, visit } from 'yaml';
import type { AnalyzedDocument, AuditSettings } from './analyze';
import { isIsoDate } from './dates';
import type { Finding, Severity, Span } from './findings';
import type { ParsedDocument } from './parse';
import { YamlRuleIds, yamlFinding } from './parse';
import { parseText } from './parseText';
import type { MapNode, TreeNode } from './tree';
import { closestMatch } from './closestMatch';
import { SchemaRuleIds } from './schemaRuleIds';

/** The name of the file-based configuration, read from the workspace root (the CLI's working folder). */
export const configFileName = '.plan-audit.yaml';

/** The settings a configuration file may hold; the camel-case spellings are the editor's names. */
const settingKeys = ['review_date', 'fiscal_year_start_month', 'rules', 'fix_all', 'reviewDate', 'fiscalYearStartMonth', 'fixAll'];

/** The settings, as the messages about an unknown or misplaced one list them. */
const settingList = '`review_date`, `fiscal_year_start_month`, `rules` and `fix_all`';

const severities: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

/** The settings read from the file, and the file as a document whose findings are the problems in it. */
export interface ConfigFileAnalysis {
  readonly settings: AuditSettings;
  readonly findings: readonly Finding[];
  /** The file, with `findings` as its base findings: audited like any file (severities, exceptions), it shows them. */
  readonly document: AnalyzedDocument;
}

/**
 * Reads the settings in `text` over `base`. `ruleIds` are the ids a `rules:` entry may name (the
 * engine's `knownRuleIds`).
 */
export function analyzeConfigText(uri: string, text: string, base: AuditSettings, ruleIds: ReadonlySet<string>): ConfigFileAnalysis {
  const findings: Finding[] = [];
  let parsed: ParsedDocument = { uri, text, root: undefined, findings, hasSyntaxErrors: false };
  const result = (settings: AuditSettings): ConfigFileAnalysis => ({ settings, findings, document: { uri, text, parsed, kind: undefined, model: undefined, baseFindings: findings } });
  const problem = (span: Span, message: string, severity: Severity = 'error') => findings.push(yamlFinding(uri, SchemaRuleIds.schema, severity, message, span));
  const binary = firstControlCharacter(text);
  if (binary >= 0) {
    findings.push(
      yamlFinding(
        uri,
        YamlRuleIds.syntax,
        'error',
        `\`${configFileName}\` holds binary data (character ${describeCharacter(text.charCodeAt(binary))}), not UTF-8 text: its settings are not applied. Save it as plain UTF-8 YAML.`,
        [binary, binary + 1],
      ),
    );
    return result(base);
  }
  parsed = parseText(uri, text);
  for (const finding of parsed.findings) {
    findings.push(finding);
  }
  for (const span of tagSpans(text)) {
    if (findings.some((finding) => finding.span[0] === span[0] && finding.span[1] === span[1])) {
      continue; // `yaml` already warned about this tag (an unresolved one)
    }
    problem(span, `A YAML tag (\`${text.slice(span[0], span[1])}\`) has no meaning in \`${configFileName}\`: write the plain value without it.`, 'warning');
  }
  if (findings.some((finding) => finding.severity === 'error')) {
    return result(base);
  }
  const root = parsed.root;
  if (root === undefined || (root.kind === 'scalar' && root.value === null)) {
    return result(base); // an empty file sets nothing
  }
  if (root.kind !== 'map') {
    problem([root.start, root.end], `\`${configFileName}\` should be a map of settings (${settingList}), not ${describeNode(root, text)}: its settings are not applied.`);
    return result(base);
  }
  let reviewDate = base.reviewDate;
  let fiscalYearStartMonth = base.fiscalYearStartMonth;
  const rules: Record<string, Severity | 'off'> = { ...base.rules };
  let fixAllInsertsPlaceholders = base.fixAllInsertsPlaceholders;
  reportRepeatedKeys(root, '', problem);
  for (const { key, value } of root.pairs) {
    const name = String(key.value);
    const keySpan: Span = [key.start, key.end];
    const valueSpan: Span = value.start === value.end ? keySpan : [value.start, value.end];
    if (value.kind === 'scalar' && value.value === null) {
      continue; // `review_date:` left empty: not set
    }
    switch (name) {
      case 'review_date':
      case 'reviewDate':
        if (value.kind === 'scalar' && typeof value.value === 'string' && isIsoDate(value.value)) {
          reviewDate = value.value;
        } else {
          problem(valueSpan, `\`${name}\` should be a real date written YYYY-MM-DD, such as 2017-02-28 (found ${describeNode(value, text)}): it is not applied.`);
        }
        break;
      case 'fiscal_year_start_month':
      case 'fiscalYearStartMonth':
        if (value.kind === 'scalar' && !value.quoted && typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 1 && value.value <= 12) {
          fiscalYearStartMonth = value.value;
        } else {
          problem(valueSpan, `\`${name}\` should be a month number from 1 to 12, such as 10 for October (found ${describeNode(value, text)}): it is not applied.`);
        }
        break;
      case 'rules':
        if (value.kind === 'map') {
          readRules(text, value, ruleIds, rules, problem);
        } else {
          problem(valueSpan, `\`rules\` should be a map of rule id to severity (\`plan-without-owner: warning\`), not ${describeNode(value, text)}: it is not applied.`);
        }
        break;
      case 'fix_all':
      case 'fixAll':
        if (value.kind === 'map') {
          fixAllInsertsPlaceholders = readFixAll(text, value, problem) ?? fixAllInsertsPlaceholders;
        } else {
          problem(valueSpan, `\`${name}\` should be a map such as \`{insert_placeholders: true}\`, not ${describeNode(value, text)}: it is not applied.`);
        }
        break;
      default: {
        const near = closestMatch(name, settingKeys);
        problem(keySpan, `Unknown setting \`${name}\` in \`${configFileName}\`${near ? ` (did you mean \`${near}\`?)` : ''}: it is ignored. The settings are ${settingList}.`, 'warning');
      }
    }
  }
  const settings: AuditSettings = { reviewDate, fiscalYearStartMonth, rules };
  return result(fixAllInsertsPlaceholders === undefined ? settings : { ...settings, fixAllInsertsPlaceholders });
}

/** `fix_all: {insert_placeholders: <bool>}`: whether fix-all also inserts placeholders; undefined when not set. */
function readFixAll(text: string, map: MapNode, problem: (span: Span, message: string, severity?: Severity) => void): boolean | undefined {
  let insert: boolean | undefined;
  for (const { key, value } of map.pairs) {
    const name = String(key.value);
    if (name !== 'insert_placeholders' && name !== 'insertPlaceholders') {
      problem([key.start, key.end], `Unknown setting \`fix_all.${name}\` in \`${configFileName}\`: it is ignored. \`fix_all\` holds \`insert_placeholders\`.`, 'warning');
    } else if (value.kind === 'scalar' && !value.quoted && typeof value.value === 'boolean') {
      insert = value.value;
    } else if (!(value.kind === 'scalar' && value.value === null)) {
      problem(value.start === value.end ? [key.start, key.end] : [value.start, value.end], `\`fix_all.${name}\` should be \`true\` or \`false\` (found ${describeNode(value, text)}): it is not applied.`);
    }
  }
  return insert;
}

function readRules(text: string, map: MapNode, ruleIds: ReadonlySet<string>, rules: Record<string, Severity | 'off'>, problem: (span: Span, message: string, severity?: Severity) => void): void {
  const ids = [...ruleIds].sort();
  reportRepeatedKeys(map, 'rules.', problem);
  for (const { key, value } of map.pairs) {
    const id = String(key.value);
    if (!ruleIds.has(id)) {
      const near = closestMatch(id, ids);
      problem([key.start, key.end], `Unknown rule id \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}: the setting is not applied. The rule ids are listed in the README and in docs/rules/.`, 'warning');
      continue;
    }
    const severity = value.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
    if (severity !== undefined && (severities as readonly string[]).includes(severity)) {
      rules[id] = severity as Severity | 'off';
      continue;
    }
    const near = severity === undefined ? undefined : closestMatch(severity, severities);
    const span: Span = value.start === value.end ? [key.start, key.end] : [value.start, value.end];
    problem(span, `\`rules.${id}\` should be one of ${severities.map((name) => `\`${name}\``).join(', ')} (found ${describeNode(value, text)}${near ? `; did you mean \`${near}\`?` : ''}): it is not applied.`);
  }
}

/** Reports each key set again in `map`: the last value applies, which the author may not expect. */
function reportRepeatedKeys(map: MapNode, prefix: string, problem: (span: Span, message: string, severity?: Severity) => void): void {
  const seen = new Set<string>();
  for (const { key } of map.pairs) {
    const name = String(key.value);
    if (seen.has(name)) {
      problem([key.start, key.end], `\`${prefix}${name}\` is set more than once in \`${configFileName}\`: only the last value applies. Remove the others.`, 'warning');
    }
    seen.add(name);
  }
}

/** The offset of the first control character other than tab, line feed and carriage return (or U+FFFD, what invalid UTF-8 decodes to); -1 if none. */
function firstControlCharacter(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd) {
      return index;
    }
  }
  return -1;
}

function describeCharacter(code: number): string {
  return code === 0xfffd ? 'U+FFFD, an invalid UTF-8 byte' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How a wrong value reads in a message: its source text for a scalar, else what it is. */
function describeNode(node: TreeNode, text: string): string {
  if (node.kind === 'map') {
    return 'a map';
  }
  if (node.kind === 'seq') {
    return 'a list';
  }
  if (node.value === null) {
    return 'nothing';
  }
  const source = text.slice(node.start, node.end);
  return `"${source.length > 40 ? `${source.slice(0, 40)}…` : source}"`;
}

/** The spans of the tags (`!!binary`, `!custom`) written in `text`, in order. */
function tagSpans(text: string): Span[] {
  const spans: Span[] = [];
  const document = parseDocument(text);
  visit(document, (_key, node) => {
    if (!isNode(node) || node.tag === undefined || !node.range) {
      return;
    }
    // `yaml` keeps the tag, not where it was written: it is the last `!…` word before the value.
    const bang = text.lastIndexOf('!', node.range[0]);
    if (bang < 0) {
      return;
    }
    let start = bang;
    while (start > 0 && !/[\s{}[\],:]/.test(text[start - 1])) {
      start--;
    }
    let end = bang;
    if (text[bang + 1] === '<') {
      end = text.indexOf('>', bang) + 1 || text.length; // a verbatim tag, `!<tag:yaml.org,2002:str>`
    }
    while (end < text.length && !/[\s{}[\],]/.test(text[end])) {
      end++;
    }
    spans.push([start, end]);
  });
  return spans;
}
