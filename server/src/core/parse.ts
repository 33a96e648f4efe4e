/**
 * Text → located tree, with the `yaml` package. This path keeps `yaml`'s error recovery and messages,
 * so it is the one used for documents with syntax errors; every YAML problem becomes a finding.
 *
 * Bounded by design: documents above `maxLength` are not parsed, and alias expansion is capped so an
 * alias bomb ends in one finding instead of exhausting memory. Aliases are resolved from one walk of the
 * document (`indexAliases`), not by `Alias.resolve`, which walks the whole document for each alias.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar as YamlScalar } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import type { Finding, Span } from './findings';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';

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
}

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
    if (error instanceof RangeError) {
      // The parser itself recursed too deep: thousands of nested collections, far past `maxDepth`.
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
  const builder = new TreeBuilder(doc.contents, uri, text, limits, findings, aliasExpansionBudget(text.length, limits));
  const root = doc.contents ? builder.build(doc.contents, 0) : undefined;
  return { uri, text, root, findings, hasSyntaxErrors: doc.errors.length > 0 };
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

function clampSpan(pos: readonly [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  const end = Math.max(start, Math.min(pos[1], length));
  return [start, end];
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

/** Converts `yaml` nodes into the located tree, expanding aliases within a budget. */
class TreeBuilder {
  /** Alias targets, from one walk of the document when its first alias is met. */
  private aliases: ReadonlyMap<Alias, YamlNode | undefined> | undefined;
  private aliasBudget: number;
  private aliasReported = false;
  private depthReported = false;
  private readonly expanding = new Set<YamlNode>();

  constructor(
    private readonly contents: YamlNode | null,
    private readonly uri: string,
    private readonly text: string,
    private readonly limits: ParseLimits,
    private readonly findings: Finding[],
    private readonly aliasLimit: number,
  ) {
    this.aliasBudget = aliasLimit;
  }

  build(node: YamlNode, depth: number): TreeNode {
    if (depth > this.limits.maxDepth) {
      const span = this.span(node);
      if (!this.depthReported) {
        this.depthReported = true;
        this.findings.push(
          yamlFinding(this.uri, YamlRuleIds.resourceLimit, 'error', `Nesting deeper than ${this.limits.maxDepth} levels is not analysed.`, span),
        );
      }
      return nullScalar(span);
    }
    if (isAlias(node)) {
      return this.buildAlias(node, depth);
    }
    if (isScalar(node)) {
      return this.buildScalar(node);
    }
    if (isMap(node)) {
      const pairs: Pair[] = [];
      for (const item of node.items) {
        if (!isPair(item)) {
          continue;
        }
        const keyNode = item.key as YamlNode | null;
        const key = this.buildKey(keyNode);
        const valueNode = item.value as YamlNode | null;
        const value = valueNode ? this.build(valueNode, depth + 1) : nullScalar([key.end, key.end]);
        pairs.push({ key, value });
      }
      const [start, end] = this.span(node);
      return { kind: 'map', pairs, start, end, flow: Boolean(node.flow) } satisfies MapNode;
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => (item ? this.build(item as YamlNode, depth + 1) : nullScalar(this.span(node))));
      const [start, end] = this.span(node);
      return { kind: 'seq', items, start, end, flow: Boolean(node.flow) } satisfies SeqNode;
    }
    return nullScalar(this.span(node));
  }

  private buildKey(node: YamlNode | null): ScalarNode {
    if (!node) {
      return nullScalar([0, 0]);
    }
    if (isScalar(node)) {
      return this.buildScalar(node);
    }
    // Complex keys (`? [a, b]`) have no place in the plan format; keep them as text so the schema reports them.
    const [start, end] = this.span(node);
    return { kind: 'scalar', value: `(complex key)`, start, end, quoted: false };
  }

  private buildScalar(node: YamlScalar): ScalarNode {
    const raw = node.value;
    let value: ScalarNode['value'];
    if (raw === null || raw === undefined) {
      value = null;
    } else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      value = raw;
    } else if (typeof raw === 'bigint') {
      value = Number(raw);
    } else {
      // Under `%YAML 1.1`, `yaml` resolves a timestamp to a Date and `!!binary` to a Uint8Array. The plan
      // format reads them as the text written, as YAML 1.2 does (String(date) would depend on the time zone).
      value = node.source ?? '';
    }
    const quoted = node.type !== undefined && node.type !== YamlScalar.PLAIN;
    const [start, end] = this.span(node);
    return { kind: 'scalar', value, start, end, quoted };
  }

  /**
   * An alias is replaced by the tree of its anchor (ranges point at the anchor). Each expansion costs
   * the anchored tree's node count from a shared budget; past it the alias becomes null and one
   * finding explains why, which is how an alias bomb ends.
   */
  private buildAlias(node: Alias, depth: number): TreeNode {
    const span = this.span(node);
    const resolved = this.resolve(node);
    if (!resolved || this.expanding.has(resolved)) {
      return nullScalar(span);
    }
    const cost = countNodes(resolved, this.aliasBudget + 1, (alias) => this.resolve(alias));
    if (cost > this.aliasBudget) {
      this.aliasBudget = 0;
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.findings.push(
          yamlFinding(
            this.uri,
            YamlRuleIds.resourceLimit,
            'error',
            `Aliases here expand to more than ${this.aliasLimit} nodes (an "alias bomb"); the aliases past that limit were not expanded.`,
            span,
          ),
        );
      }
      return nullScalar(span);
    }
    this.aliasBudget -= cost;
    this.expanding.add(resolved);
    try {
      return this.build(resolved, depth);
    } finally {
      this.expanding.delete(resolved);
    }
  }

  /** The node an alias stands for: the latest node before it with that anchor, as `yaml` resolves it. */
  private resolve(alias: Alias): YamlNode | undefined {
    this.aliases ??= indexAliases(this.contents);
    return this.aliases.get(alias);
  }

  /** The node's value span; collections drop the trailing line breaks `yaml` includes in their range. */
  private span(node: YamlNode): Span {
    const range = node.range;
    if (!range) {
      return [0, 0];
    }
    const [start, end] = clampSpan([range[0], range[1]], this.text.length);
    if (!isMap(node) && !isSeq(node)) {
      return [start, end];
    }
    let trimmed = end;
    while (trimmed > start && isWhitespace(this.text.charCodeAt(trimmed - 1))) {
      trimmed--;
    }
    return [start, trimmed];
  }
}

/**
 * Resolves every alias in one walk of the document, in the order `yaml`'s `Alias.resolve` visits it
 * (a node before its children, a key before its value): an alias stands for the latest node before it
 * that has its anchor. Iterative, so no document `yaml` could parse is too deep for it.
 */
export function indexAliases(contents: YamlNode | null): Map<Alias, YamlNode | undefined> {
  const targets = new Map<Alias, YamlNode | undefined>();
  const latest = new Map<string, YamlNode>();
  const stack: unknown[] = [contents];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (!isNode(item)) {
      continue;
    }
    if (isAlias(item)) {
      targets.set(item, latest.get(item.source));
    }
    if (typeof item.anchor === 'string') {
      latest.set(item.anchor, item);
    }
    if (isMap(item) || isSeq(item)) {
      for (let index = item.items.length - 1; index >= 0; index--) {
        stack.push(item.items[index]);
      }
    }
  }
  return targets;
}

/** Counts nodes in a `yaml` subtree (aliases count their targets), stopping early past `limit`. */
function countNodes(root: YamlNode, limit: number, resolve: (alias: Alias) => YamlNode | undefined): number {
  let count = 0;
  const stack: YamlNode[] = [root];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop()!;
    count++;
    if (isAlias(node)) {
      const source = resolve(node);
      if (source) {
        stack.push(source);
      }
    } else if (isMap(node)) {
      for (const item of node.items) {
        if (item.value) {
          stack.push(item.value as YamlNode);
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (item) {
          stack.push(item as YamlNode);
        }
      }
    }
  }
  return count;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function nullScalar(span: Span): ScalarNode {
  return { kind: 'scalar', value: null, start: span[0], end: span[1], quoted: false };
}
