/**
 * Anchors and aliases for the line reader, resolved in one pass: each anchor is noted when its node is
 * read, and an alias takes the node of the latest anchor of its name before it, as `yaml`'s
 * `Alias.resolve` finds it. The located tree `parseWithYaml` builds holds a copy of that node in the
 * alias's place, with the anchor's offsets; the reader shares the node itself (trees are read-only), so
 * the work stays linear in the text whatever the number of aliases.
 *
 * The expansion budget is `parse.ts`'s (`aliasExpansionBudget`): each alias costs the node count of what
 * it expands to (the node, the values of its mappings and the items of its sequences, at every depth),
 * taken in document order, as treeBuilder.ts takes it. An alias past the budget, an alias to an anchor whose node is
 * still being read (a cycle), to an unknown anchor, or to a node that itself holds an alias (whose cost
 * `parse.ts` counts differently) throws `Unsure`, so `yaml` and `parse.ts` decide.
 */
import type { Span } from './findings';
import type { TreeNode } from './tree';
import { Unsure } from './yamlRanges';

interface Anchor {
  /** Undefined while the anchored node is being read. */
  node: TreeNode | undefined;
  /** True when the node holds an alias. */
  holdsAlias: boolean;
  /** The node count an alias to it costs, once counted. */
  cost: number;
}

export class AnchorTable {
  private readonly anchors = new Map<string, Anchor>();
  private budget: number;
  private readonly limit: number;
  /** Aliases read so far: an anchored node holds one when the count moved while it was read. */
  private aliasCount = 0;
  /** The spans of the nodes aliases stand for, by start (as `TreeBuilder.aliasedSpans` keeps them). */
  private readonly aliased = new Map<number, Span>();

  constructor(aliasBudget: number) {
    this.budget = aliasBudget;
    this.limit = aliasBudget;
  }

  /** Tree nodes alias expansion has added (`DocumentTraits.aliasExpansion`). */
  get expansion(): number {
    return this.limit - this.budget;
  }

  /** The spans of the nodes aliases stand for, in document order (`DocumentTraits.aliasedSpans`). */
  aliasedSpans(): Span[] {
    return [...this.aliased.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /** True once an alias was read (the document is then not for incremental re-parses). */
  get hasAliases(): boolean {
    return this.aliasCount > 0;
  }

  /** Notes that the node anchored as `name` starts; returns what `close` needs. */
  open(name: string): number {
    this.anchors.set(name, { node: undefined, holdsAlias: false, cost: -1 });
    return this.aliasCount;
  }

  /** Notes the node anchored as `name` (`aliasCountAtOpen` from `open`). */
  close(name: string, node: TreeNode, aliasCountAtOpen: number): void {
    const anchor = this.anchors.get(name);
    if (anchor) {
      anchor.node = node;
      anchor.holdsAlias = this.aliasCount !== aliasCountAtOpen;
    }
  }

  /** The node an alias to `name` stands for, its cost taken from the budget. */
  resolve(name: string): TreeNode {
    const anchor = this.anchors.get(name);
    if (!anchor?.node || anchor.holdsAlias) {
      throw new Unsure();
    }
    if (anchor.cost < 0) {
      anchor.cost = countNodes(anchor.node);
    }
    if (anchor.cost > this.budget) {
      throw new Unsure();
    }
    this.budget -= anchor.cost;
    this.aliasCount++;
    this.aliased.set(anchor.node.start, [anchor.node.start, anchor.node.end]);
    return anchor.node;
  }
}

/** The node, the values of its mappings and the items of its sequences, at every depth. */
function countNodes(node: TreeNode): number {
  if (node.kind === 'scalar') {
    return 1;
  }
  let count = 1;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      count += countNodes(pair.value);
    }
  } else {
    for (const item of node.items) {
      count += countNodes(item);
    }
  }
  return count;
}
