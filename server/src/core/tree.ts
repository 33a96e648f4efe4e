/**
 * The located tree: a parser-independent view of one YAML document in which every node keeps its
 * offsets. Both parse paths (the `yaml` package and the fast path) produce exactly this shape, so the
 * model, the schema mapping and the rules never depend on which parser ran.
 *
 * Contract: `start`–`end` covers the node's value only (for a map or sequence, from its first to its last
 * character, trailing comments and blank lines excluded); keys are always scalars.
 */
import type { Span } from './findings';

export type Scalar = string | number | boolean | null;

/**
 * Offsets are two number fields, not a `[start, end]` array: a tree has a node per key and value (a
 * million at 10,000 measures), and an array per node made up a third of the tree's memory. `spanOf`
 * gives the array a finding needs.
 */
export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: Scalar;
  /** Offset of the node's first character. */
  readonly start: number;
  /** Offset just after its last character. */
  readonly end: number;
  /** True for a quoted or block scalar: `"2017"` is text even though it looks like a number. */
  readonly quoted: boolean;
}

export interface Pair {
  readonly key: ScalarNode;
  /** `null` never occurs: an absent value (`key:`) is a null scalar with an empty span after the colon. */
  readonly value: TreeNode;
}

export interface MapNode {
  readonly kind: 'map';
  readonly pairs: readonly Pair[];
  readonly start: number;
  readonly end: number;
  /** `{ … }` flow style; fixes insert differently into flow and block collections. */
  readonly flow: boolean;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly TreeNode[];
  readonly start: number;
  readonly end: number;
  readonly flow: boolean;
}

export type TreeNode = ScalarNode | MapNode | SeqNode;

/** The node's `[start, end)` span, for a finding or a related location; undefined for no node. */
export function spanOf(node: TreeNode): Span;
export function spanOf(node: TreeNode | undefined): Span | undefined;
export function spanOf(node: TreeNode | undefined): Span | undefined {
  return node && [node.start, node.end];
}

/** Returns the pair whose key is `key`, or undefined. The first one wins when a key is duplicated. */
export function getPair(map: MapNode | undefined, key: string): Pair | undefined {
  if (!map) {
    return undefined;
  }
  for (const pair of map.pairs) {
    if (pair.key.value === key) {
      return pair;
    }
  }
  return undefined;
}

/** Returns the value node under `key`, or undefined. */
export function getNode(map: MapNode | undefined, key: string): TreeNode | undefined {
  return getPair(map, key)?.value;
}

/** Returns the map under `key` when it is a map. */
export function getMap(map: MapNode | undefined, key: string): MapNode | undefined {
  const node = getNode(map, key);
  return node?.kind === 'map' ? node : undefined;
}

/** Returns the sequence under `key` when it is a sequence. */
export function getSeq(map: MapNode | undefined, key: string): SeqNode | undefined {
  const node = getNode(map, key);
  return node?.kind === 'seq' ? node : undefined;
}

/** Returns the scalar value under `key` when it is a string (a non-empty one unless `allowEmpty`). */
export function getString(map: MapNode | undefined, key: string): string | undefined {
  return stringOf(getNode(map, key));
}

/** The node's value as text when it is a scalar other than null (`getString` of a value node). */
export function stringOf(node: TreeNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) {
    return undefined;
  }
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/** Returns the scalar value under `key` when it is a finite number. */
export function getNumber(map: MapNode | undefined, key: string): number | undefined {
  return numberOf(getNode(map, key));
}

/** The node's value when it is a finite number (`getNumber` of a value node). */
export function numberOf(node: TreeNode | undefined): number | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

/** Returns the items of the sequence under `key` that are maps; other items are skipped. */
export function getMapItems(map: MapNode | undefined, key: string): MapNode[] {
  return mapItemsOf(getNode(map, key));
}

/** The items of a sequence node that are maps (`getMapItems` of a value node); none for other nodes. */
export function mapItemsOf(node: TreeNode | undefined): MapNode[] {
  return node?.kind === 'seq' ? node.items.filter((item): item is MapNode => item.kind === 'map') : [];
}

/** True when `key` is present with a value other than null. */
export function hasValue(map: MapNode | undefined, key: string): boolean {
  const node = getNode(map, key);
  return node !== undefined && !(node.kind === 'scalar' && node.value === null);
}

/**
 * Follows a JSON-pointer-like path (`['goals', 0, 'measures']`) from `root` and returns the deepest node
 * reached together with the pair that holds it, so callers can point at a key or at a value.
 */
export function nodeAtPath(root: TreeNode, path: readonly (string | number)[]): { node: TreeNode; pair?: Pair; depth: number } {
  let node: TreeNode = root;
  let pair: Pair | undefined;
  let depth = 0;
  for (const segment of path) {
    if (node.kind === 'map' && typeof segment === 'string') {
      const next = getPair(node, segment);
      if (!next) {
        break;
      }
      pair = next;
      node = next.value;
    } else if (node.kind === 'seq' && typeof segment === 'number' && segment < node.items.length) {
      pair = undefined;
      node = node.items[segment];
    } else {
      break;
    }
    depth++;
  }
  return { node, pair, depth };
}

/**
 * Converts a tree to plain JSON-like data for schema validation. Keys repeat the first-wins rule of
 * `getPair`, so the schema sees what the rules see.
 */
export function toPlain(node: TreeNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq': {
      const items = node.items;
      const result: unknown[] = new Array(items.length);
      for (let index = 0; index < items.length; index++) {
        result[index] = toPlain(items[index]);
      }
      return result;
    }
    case 'map':
      return plainMapOf(node, toPlain);
  }
}

/** The plain object of a map, each value given by `valueOf`, keys read as `toPlain` reads them. */
export function plainMapOf(node: MapNode, valueOf: (value: TreeNode, key: string) => unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of node.pairs) {
    const keyValue = pair.key.value;
    const key = typeof keyValue === 'string' ? keyValue : String(keyValue);
    if (result[key] === undefined) {
      result[key] = valueOf(pair.value, key);
    } else if (!Object.prototype.hasOwnProperty.call(result, key)) {
      // A name the prototype has (`__proto__`, `constructor`): plain assignment would set the
      // prototype or shadow it oddly; define it as an own data property instead.
      Object.defineProperty(result, key, { value: valueOf(pair.value, key), enumerable: true, writable: true, configurable: true });
    }
    // Else a repeated key: the first one wins.
  }
  return result;
}

/**
 * True for a sequence item that is a map holding a collection (a goal, an objective, a measure, a
 * staffing position): the units an incremental re-parse shares between versions of a document
 * (incremental.ts). Per-node caches keyed by such units make re-checking an edited document cost what
 * the edit changed, not the whole document; smaller items are cheaper to redo than to look up.
 *
 * The caches live in an `AnalysisCache` (analysisCache.ts) that has `units` only where units will be
 * shared: the server's caches of open documents. Filling them costs about a sixth of an analysis, which
 * a file indexed from disk or checked by the CLI, never edited, would pay for nothing.
 */
export function isSharedUnit(node: TreeNode): node is MapNode {
  if (node.kind !== 'map' || node.pairs.length < 3) {
    return false;
  }
  for (const pair of node.pairs) {
    if (pair.value.kind !== 'scalar') {
      return true;
    }
  }
  return false;
}

/**
 * Each pair whose key already appeared in `pairs`, with the first pair of that key, in order; undefined
 * when there is none. Most maps of a plan have a handful of keys: compare them pairwise without
 * allocating; use a map above that.
 */
export function duplicatePairs(pairs: readonly Pair[]): [Pair, Pair][] | undefined {
  let duplicates: [Pair, Pair][] | undefined;
  if (pairs.length <= 16) {
    for (let index = 1; index < pairs.length; index++) {
      const key = pairs[index].key.value;
      for (let before = 0; before < index; before++) {
        const other = pairs[before].key.value;
        if (other === key || ((typeof other !== 'string' || typeof key !== 'string') && String(other) === String(key))) {
          (duplicates ??= []).push([pairs[index], pairs[before]]);
          break;
        }
      }
    }
    return duplicates;
  }
  const first = new Map<string, Pair>();
  for (const pair of pairs) {
    const key = String(pair.key.value);
    const earlier = first.get(key);
    if (earlier) {
      (duplicates ??= []).push([pair, earlier]);
    } else {
      first.set(key, pair);
    }
  }
  return duplicates;
}

/**
 * A tree known to hold no repeated key in any map carries this mark on its root: a parse path that
 * checks while it reads (`parseLines`) sets it, so `checkDuplicates` need not walk the tree again. It is
 * data on the node, not kept in the module, and not enumerable, so trees compare equal whichever parse
 * path built them.
 */
const withoutDuplicateKeysMark = 'withoutDuplicateKeys';

export function markWithoutDuplicateKeys(root: TreeNode): void {
  Object.defineProperty(root, withoutDuplicateKeysMark, { value: true, enumerable: false, configurable: true });
}

export function isKnownWithoutDuplicateKeys(root: TreeNode): boolean {
  return (root as { readonly [withoutDuplicateKeysMark]?: boolean })[withoutDuplicateKeysMark] === true;
}

/** True when some map in `node` (itself included) repeats a key. Walks the whole subtree. */
export function hasRepeatedKeys(node: TreeNode): boolean {
  if (node.kind === 'map') {
    return (node.pairs.length > 1 && duplicatePairs(node.pairs) !== undefined) || node.pairs.some((pair) => hasRepeatedKeys(pair.value));
  }
  return node.kind === 'seq' && node.items.some(hasRepeatedKeys);
}

/** Visits every node depth-first, parents before children. */
export function walk(node: TreeNode, visit: (node: TreeNode, parentPair?: Pair) => void, parentPair?: Pair): void {
  visit(node, parentPair);
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      walk(pair.value, visit, pair);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      walk(item, visit);
    }
  }
}
