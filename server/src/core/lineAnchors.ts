/**
 * Anchors and aliases for the line reader, resolved in one pass: each anchor is noted when its node is
 * read, and an alias takes the node of the latest anchor of its name before it, as `yaml`'s
 * `Alias.resolve` finds it. The located tree `parseWithYaml` builds holds a copy of that node in the
 * alias's place, with the anchor's offsets; the reader shares the node itself (trees are read-only), so
 * the work stays linear in the text whatever the number of aliases.
 *
 * The expansion budget is `parse.ts`'s (`aliasExpansionBudget`), charged alias by alias in document
 * order exactly as treeBuilder.ts charges it (see `AnchorTable`). An alias past the budget, to an anchor
 * whose node is still being read (a cycle), or to an unknown anchor throws `Unsure`, so `yaml` and
 * `parse.ts` decide.
 */
import type { Span } from './findings';
import type { TreeNode } from './tree';
import { Unsure } from './yamlRanges';

/** An anchor of the document, in the order anchors start (`open`). */
export interface Anchor {
  /** Undefined while the anchored node is being read. */
  node: TreeNode | undefined;
  /** The alias counters when the node started (see `AnchorTable`). */
  readonly extraAtOpen: number;
  readonly expansionAtOpen: number;
  /** `extra` and `expansion` of the aliases inside the node, once it is read. */
  extraInside: number;
  expansionInside: number;
  /** What an alias to it costs (`countNodes` in treeBuilder.ts) and takes from the budget, once counted. */
  cost: number;
}

/**
 * How `TreeBuilder` (treeBuilder.ts) charges an alias to a node A: first A's node count as `yaml` nodes
 * (A's tree, where each alias inside counts 1 and its target's count: `cost`), then, as it builds the
 * copy, each alias inside A again. So an alias to A takes `cost(A) + Σ take(target)` over the aliases
 * inside A, where `cost(A)` is the size of A's tree here (targets in place) plus `extra(A) = Σ (1 +
 * extra(target))`. Two running sums over the aliases read (`extra`, `expansion`) give both for every
 * anchor from its counters at open and close.
 */
export class AnchorTable {
  private readonly anchors = new Map<string, Anchor>();
  private budget: number;
  private readonly limit: number;
  private aliasCount = 0;
  private extra = 0;
  private expansion = 0;
  /** The spans of the nodes aliases stand for, by start (as `TreeBuilder.aliasedSpans` keeps them). */
  private readonly aliased = new Map<number, Span>();

  constructor(aliasBudget: number) {
    this.budget = aliasBudget;
    this.limit = aliasBudget;
  }

  /** Tree nodes alias expansion has added (`DocumentTraits.aliasExpansion`). */
  get expanded(): number {
    return this.limit - this.budget;
  }

  /** True once an alias was read. */
  get hasAliases(): boolean {
    return this.aliasCount > 0;
  }

  /** The spans of the nodes aliases stand for, in document order (`DocumentTraits.aliasedSpans`). */
  aliasedSpans(): Span[] {
    return [...this.aliased.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /**
   * Notes that a node anchored as `name` starts. From now on an alias to `name` means it (the latest
   * anchor before an alias wins, in the order nodes start, as `yaml` visits them).
   */
  open(name: string): Anchor {
    const anchor: Anchor = { node: undefined, extraAtOpen: this.extra, expansionAtOpen: this.expansion, extraInside: 0, expansionInside: 0, cost: -1 };
    this.anchors.set(name, anchor);
    return anchor;
  }

  /** Notes the node of `anchor`, now read. */
  close(anchor: Anchor, node: TreeNode): void {
    anchor.node = node;
    anchor.extraInside = this.extra - anchor.extraAtOpen;
    anchor.expansionInside = this.expansion - anchor.expansionAtOpen;
  }

  /** The node an alias to `name` stands for, its cost taken from the budget. */
  resolve(name: string): TreeNode {
    const anchor = this.anchors.get(name);
    if (!anchor?.node) {
      // An unknown anchor, or one whose node holds this alias (a cycle).
      throw new Unsure();
    }
    if (anchor.cost < 0) {
      anchor.cost = countNodes(anchor.node) + anchor.extraInside;
    }
    const take = anchor.cost + anchor.expansionInside;
    if (take > this.budget) {
      throw new Unsure();
    }
    this.budget -= take;
    this.aliasCount++;
    this.extra += 1 + anchor.extraInside;
    this.expansion += take;
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
