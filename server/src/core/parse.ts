/**
 * Text → located tree, with the `yaml` package. This path keeps `yaml`'s error recovery and messages,
 * so it is the one used for documents with syntax errors; every YAML problem becomes a finding.
 *
 * Bounded by design: documents above `maxLength` are not parsed, and alias expansion is capped so an
 * alias bomb ends in one finding instead of exhausting memory. Aliases are resolved from one walk of the
 * document (`indexAliases`), not by `Alias.resolve`, which walks the whole document for each alias.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Finding, Span } from './findings';
import type { TreeNode } from './tree';
import { clampSpan, isInDocumentOrder, TreeBuilder } from './treeBuilder';

/** Limits that keep hostile input from hanging or exhausting the server. */
export interface ParseLimits {
  /** Documents longer than this many characters are not analysed (one finding says so). */
  readonly maxLength: number;
  /**
   * How many tree nodes alias expansion may add in total before the aliases past it are refused, beyond
   * `aliasExpansionPerKiB` for each KiB of text (`aliasExpansionBudget`).
   */
  readonly maxAliasExpansion: number;
  /**
   * Tree nodes alias expansion may add per KiB of text: the budget grows with the document, so a plan
   * that shares values through 10,000 aliases is analysed (an alias takes at least 3 characters, `*a,`,
   * so 256 per KiB covers any number of aliases to scalars), while an alias bomb, which expands
   * exponentially, still ends after a number of nodes linear in its size.
   */
  readonly aliasExpansionPerKiB: number;
  /** Deepest nesting of collections accepted. */
  readonly maxDepth: number;
}

export const defaultParseLimits: ParseLimits = { maxLength: 32 * 1024 * 1024, maxAliasExpansion: 10_000, aliasExpansionPerKiB: 256, maxDepth: 200 };

/** The outcome of parsing one document: its tree (absent when nothing usable was found) and YAML findings. */
export interface ParsedDocument {
  readonly uri: string;
  readonly text: string;
  readonly root: TreeNode | undefined;
  /** Findings about the YAML itself: syntax errors, duplicate keys, limits. */
  readonly findings: Finding[];
  /** True when the YAML had syntax errors (the tree is then `yaml`'s best-effort recovery). */
  readonly hasSyntaxErrors: boolean;
  /** What an edit's re-parse needs to know about the whole document; absent when there is no tree. */
  readonly traits?: DocumentTraits;
}

/**
 * Facts about a whole document that incremental.ts relies on, found by the parser (so no later walk and
 * no cache is needed) and carried by each re-parse. A function of the text: every parse path gives the
 * same (the differential fuzz compares whole parsed documents).
 */
export interface DocumentTraits {
  /** The YAML version its scalars resolve under: `1.1` after a `%YAML 1.1` directive, else `1.2`. */
  readonly yamlVersion: '1.1' | '1.2';
  /**
   * True when a unit of the tree can be re-parsed alone and spliced in: apart from alias copies (which
   * keep their anchor's offsets), every node starts at or after the one before it in document order (no
   * missing or empty keys), and no line ends in a lone CR.
   */
  readonly spliceable: boolean;
  /** True when the document holds an alias (`*name`), resolved or not. */
  readonly hasAliases: boolean;
  /** Tree nodes its aliases expanded to, counted against `aliasExpansionBudget`. */
  readonly aliasExpansion: number;
  /** The spans of the nodes its aliases stand for, in document order: an edit there changes the copies too. */
  readonly aliasedSpans: readonly Span[];
}

/** The traits of a document in plain block YAML 1.2, which is all the line reader (`parseLines`) accepts. */
export const plainDocumentTraits: DocumentTraits = { yamlVersion: '1.2', spliceable: true, hasAliases: false, aliasExpansion: 0, aliasedSpans: [] };

/** Rule ids of the YAML-level findings, so the LSP layer and docs can name them. */
export const YamlRuleIds = {
  syntax: 'yaml-syntax',
  duplicateKey: 'duplicate-key',
  resourceLimit: 'resource-limit',
} as const;

/** Parses `text` with the `yaml` package into a located tree. Never throws. */
export function parseWithYaml(uri: string, text: string, limits: ParseLimits = defaultParseLimits): ParsedDocument {
  const findings: Finding[] = [];
  const limitFinding = checkLength(uri, text, limits);
  if (limitFinding) {
    return { uri, text, root: undefined, findings: [limitFinding], hasSyntaxErrors: false };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  } catch (error) {
    if (error instanceof RangeError || (error instanceof Error && /Maximum call stack size exceeded/.test(error.message))) {
      // The parser itself recursed too deep: thousands of nested collections, far past `maxDepth` (a
      // RangeError, or a SyntaxError when the overflow happens inside a regular expression).
      const message = `Nesting far deeper than ${limits.maxDepth} levels: the file is not analysed.`;
      findings.push(yamlFinding(uri, YamlRuleIds.resourceLimit, 'error', message, [0, Math.min(text.length, 1)]));
      return { uri, text, root: undefined, findings, hasSyntaxErrors: false };
    }
    findings.push(yamlFinding(uri, YamlRuleIds.syntax, 'error', `The YAML could not be read: ${describe(error)}`, [0, Math.min(text.length, 1)]));
    return { uri, text, root: undefined, findings, hasSyntaxErrors: true };
  }
  for (const error of doc.errors) {
    findings.push(yamlFinding(uri, YamlRuleIds.syntax, 'error', syntaxMessage(error.code, error.message), clampSpan(error.pos, text.length)));
  }
  for (const warning of doc.warnings) {
    findings.push(yamlFinding(uri, YamlRuleIds.syntax, 'warning', syntaxMessage(warning.code, warning.message), clampSpan(warning.pos, text.length)));
  }
  const builder = new TreeBuilder(doc.contents, text, limits, {
    aliasLimit: aliasExpansionBudget(text.length, limits),
    onLimit: (message, span) => findings.push(yamlFinding(uri, YamlRuleIds.resourceLimit, 'error', message, span)),
  });
  const root = doc.contents ? builder.build(doc.contents, 0) : undefined;
  if (!root) {
    return { uri, text, root, findings, hasSyntaxErrors: doc.errors.length > 0 };
  }
  const traits: DocumentTraits = {
    yamlVersion: doc.directives?.yaml.version === '1.1' ? '1.1' : '1.2',
    spliceable: !/\r(?!\n)/.test(text) && isInDocumentOrder(root, builder.aliasCopies),
    hasAliases: builder.sawAlias,
    aliasExpansion: builder.aliasExpansion,
    aliasedSpans: builder.aliasedSpans,
  };
  return { uri, text, root, findings, hasSyntaxErrors: doc.errors.length > 0, traits };
}

/** How many tree nodes alias expansion may add to a document of `length` characters. */
export function aliasExpansionBudget(length: number, limits: ParseLimits): number {
  return limits.maxAliasExpansion + Math.floor((length * limits.aliasExpansionPerKiB) / 1024);
}

/** Returns the finding for a document over the size limit, or undefined. Shared by both parse paths. */
export function checkLength(uri: string, text: string, limits: ParseLimits): Finding | undefined {
  if (text.length <= limits.maxLength) {
    return undefined;
  }
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return yamlFinding(
    uri,
    YamlRuleIds.resourceLimit,
    'error',
    `This file is ${mib(text.length)} MiB, above the ${mib(limits.maxLength)} MiB Plan Audit analyses; it was not checked. Split it into several plan files.`,
    [0, Math.min(text.length, firstLineEnd(text))],
  );
}

/** Builds a finding about the YAML itself. */
export function yamlFinding(uri: string, ruleId: string, severity: Finding['severity'], message: string, span: Span): Finding {
  return { ruleId, severity, message, uri, span };
}

function firstLineEnd(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rewrites `yaml`'s messages for an auditor: the first line only, without the parser's jargon codes. */
function syntaxMessage(code: string, message: string): string {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return `This key appears twice in the same map: ${firstLine}`;
    case 'MULTIPLE_DOCS':
      return 'A plan file holds one YAML document; remove the second `---` document or move it to its own file.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `YAML syntax error: ${firstLine}`;
    default:
      return `YAML: ${firstLine}`;
  }
}
