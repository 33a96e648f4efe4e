/**
 * `yaml` nodes → the located tree: the one builder of located trees, for whole documents
 * (`parseWithYaml`) and for the regions incremental.ts re-parses on their own. It decides spans
 * (collections trimmed of trailing whitespace), values, `quoted` flags and null nodes, and expands
 * aliases from one walk of the document within a budget.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, Scalar as YamlScalar } from 'yaml';
import type { Alias, Node as YamlNode, Pair as YamlPair } from 'yaml';
import type { Span } from './findings';
import type { ParseLimits } from './parse';
import type { MapNode, Pair, ScalarNode, SeqNode, TreeNode } from './tree';

/** How a `TreeBuilder` builds: for a whole document (`parseWithYaml`) or for one region of it (incremental.ts). */
export interface TreeBuilderOptions {
  /** Tree nodes alias expansion may add (`aliasExpansionBudget`). */
  readonly aliasLimit: number;
  /** Told once per kind of limit reached (alias expansion, depth), with a message and where. */
  readonly onLimit?: (message: string, span: Span) => void;
  /** Added to every offset: where the parsed text starts in the document (0 for a whole document). */
  readonly base?: number;
  /**
   * For a region parsed on its own: throw `RegionUnsure` at whatever the region alone cannot decide as
   * the whole document would (anchors, aliases, tags, missing or empty keys, the depth limit), instead
   * of building it.
   */
  readonly region?: boolean;
  /**
   * In region mode, build anchored values (`key: &name value`) instead of refusing them, and list them
   * in `anchored`, so that the caller can re-resolve the aliases elsewhere that stand for them.
   */
  readonly anchors?: boolean;
}

/** Thrown by a `TreeBuilder` building a region (`TreeBuilderOptions.region`) where only a full parse can decide. */
export class RegionUnsure extends Error {}

/**
 * Converts `yaml` nodes into the located tree, expanding aliases within a budget: the one place that
 * decides spans (collections trimmed of trailing whitespace), values, `quoted` flags and null nodes,
 * for full parses and for the regions incremental.ts re-parses.
 */
export class TreeBuilder {
  /** End of the last token built (scalars, flow collections, complex keys), in document offsets: comments come after it. */
  contentEnd = 0;
  /** True once an alias was met, resolved or not. */
  sawAlias = false;
  /** The root of every alias copy built: its nodes keep the anchor's offsets, out of document order. */
  readonly aliasCopies = new Set<TreeNode>();
  /** The span of every node an alias was expanded to, by start. */
  private readonly copiedSpans = new Map<number, Span>();
  /** Alias targets, from one walk of the document when its first alias is met. */
  private aliases: ReadonlyMap<Alias, YamlNode | undefined> | undefined;
  private aliasBudget: number;
  private aliasReported = false;
  private depthReported = false;
  private readonly expanding = new Set<YamlNode>();
  private readonly aliasLimit: number;
  private readonly base: number;
  private readonly region: boolean;
  private readonly anchors: boolean;
  /** In region mode with `anchors`: every anchored node built, with its anchor's name, in document order. */
  readonly anchored: { readonly name: string; readonly node: TreeNode }[] = [];

  private readonly onLimit: (message: string, span: Span) => void;

  constructor(
    private readonly contents: YamlNode | null,
    private readonly text: string,
    private readonly limits: ParseLimits,
    options: TreeBuilderOptions,
  ) {
    this.onLimit = options.onLimit ?? (() => undefined);
    this.aliasLimit = options.aliasLimit;
    this.aliasBudget = options.aliasLimit;
    this.base = options.base ?? 0;
    this.region = options.region ?? false;
    this.anchors = options.anchors ?? false;
  }

  build(node: YamlNode, depth: number): TreeNode {
    if (this.region && (depth > this.limits.maxDepth || isAlias(node) || node.tag || (node.anchor !== undefined && !this.anchors))) {
      throw new RegionUnsure();
    }
    if (this.region && node.anchor !== undefined) {
      const built = this.buildNode(node, depth);
      this.anchored.push({ name: node.anchor, node: built });
      return built;
    }
    return this.buildNode(node, depth);
  }

  private buildNode(node: YamlNode, depth: number): TreeNode {
    if (depth > this.limits.maxDepth) {
      const span = this.span(node);
      if (!this.depthReported) {
        this.depthReported = true;
        this.onLimit(`Nesting deeper than ${this.limits.maxDepth} levels is not analysed.`, span);
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
        if (isPair(item)) {
          pairs.push(this.buildPair(item, depth));
        }
      }
      const [start, end] = this.span(node);
      return this.noteFlowEnd({ kind: 'map', pairs, start, end, flow: Boolean(node.flow) } satisfies MapNode);
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => (item ? this.build(item as YamlNode, depth + 1) : nullScalar(this.span(node))));
      const [start, end] = this.span(node);
      return this.noteFlowEnd({ kind: 'seq', items, start, end, flow: Boolean(node.flow) } satisfies SeqNode);
    }
    if (this.region) {
      throw new RegionUnsure();
    }
    return nullScalar(this.span(node));
  }

  /** A pair of a map at `depth`: a missing value is a null scalar right after the key. */
  buildPair(pair: YamlPair, depth: number): Pair {
    const key = this.buildKey(pair.key as YamlNode | null, depth);
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode ? this.build(valueNode, depth + 1) : nullScalar([key.end, key.end]);
    return { key, value };
  }

  private noteFlowEnd<T extends MapNode | SeqNode>(node: T): T {
    if (node.flow && node.end > this.contentEnd) {
      this.contentEnd = node.end;
    }
    return node;
  }

  private buildKey(node: YamlNode | null, depth: number): ScalarNode {
    if (this.region && (!node || isAlias(node) || node.anchor || node.tag || (isScalar(node) && node.range?.[0] === node.range?.[1]))) {
      // A missing key gets the span [0, 0], and an empty one (`: v`) is placed after whatever token came
      // before it, possibly outside the region.
      throw new RegionUnsure();
    }
    if (!node) {
      return nullScalar([0, 0]);
    }
    if (isScalar(node)) {
      return this.buildScalar(node);
    }
    if (this.region) {
      // Its content is never built, but must be as safe to leave out as in a full parse.
      this.build(node, depth);
    }
    // Complex keys (`? [a, b]`) have no place in the plan format; keep them as text so the schema reports them.
    const [start, end] = this.span(node);
    if (end > this.contentEnd) {
      this.contentEnd = end;
    }
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
    if (end > this.contentEnd) {
      this.contentEnd = end;
    }
    return { kind: 'scalar', value, start, end, quoted };
  }

  /**
   * An alias is replaced by the tree of its anchor (ranges point at the anchor). Each expansion costs
   * the anchored tree's node count from a shared budget; past it the alias becomes null and one
   * finding explains why, which is how an alias bomb ends.
   */
  private buildAlias(node: Alias, depth: number): TreeNode {
    this.sawAlias = true;
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
        this.onLimit(`Aliases here expand to more than ${this.aliasLimit} nodes (an "alias bomb"); the aliases past that limit were not expanded.`, span);
      }
      return nullScalar(span);
    }
    this.aliasBudget -= cost;
    this.expanding.add(resolved);
    try {
      const copy = this.build(resolved, depth);
      this.aliasCopies.add(copy);
      this.copiedSpans.set(copy.start, [copy.start, copy.end]);
      return copy;
    } finally {
      this.expanding.delete(resolved);
    }
  }

  /** The spans of the nodes aliases were expanded to, in document order. */
  get aliasedSpans(): Span[] {
    return [...this.copiedSpans.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /** Tree nodes alias expansion has added so far. */
  get aliasExpansion(): number {
    return this.aliasLimit - this.aliasBudget;
  }

  /** The node an alias stands for: the latest node before it with that anchor, as `yaml` resolves it. */
  private resolve(alias: Alias): YamlNode | undefined {
    this.aliases ??= indexAliases(this.contents);
    return this.aliases.get(alias);
  }

  /** The node's value span; collections drop the trailing line breaks `yaml` includes in their range. */
  span(node: YamlNode): Span {
    const range = node.range;
    if (!range) {
      if (this.region) {
        throw new RegionUnsure();
      }
      return [0, 0];
    }
    const [start, end] = clampSpan([range[0], range[1]], this.text.length);
    if (!isMap(node) && !isSeq(node)) {
      return [start + this.base, end + this.base];
    }
    let trimmed = end;
    while (trimmed > start && isWhitespace(this.text.charCodeAt(trimmed - 1))) {
      trimmed--;
    }
    return [start + this.base, trimmed + this.base];
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

/**
 * True when every node starts at or after the node visited before it (depth first, keys before values)
 * and no key is empty, leaving out the alias copies in `copies` (an expanded alias keeps its anchor's
 * offsets, which lie before it). Keys `yaml` left out have the span `[0, 0]` and fail it.
 */
export function isInDocumentOrder(root: TreeNode, copies: ReadonlySet<TreeNode> = new Set()): boolean {
  let last = -1;
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (copies.has(node)) {
      continue;
    }
    if (node.start < last) {
      return false;
    }
    last = node.start;
    if (node.kind === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const key = node.pairs[i].key;
        if (key.start === key.end) {
          return false;
        }
        stack.push(node.pairs[i].value, key);
      }
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push(node.items[i]);
      }
    }
  }
  return true;
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


/** `pos` clamped to `[0, length]`, start before end. */
export function clampSpan(pos: readonly [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  const end = Math.max(start, Math.min(pos[1], length));
  return [start, end];
}
