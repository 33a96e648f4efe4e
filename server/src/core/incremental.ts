/**
 * Incremental re-parse: after a small edit, re-parse only the smallest *unit* that holds it and splice
 * the new subtree into the previous located tree. A unit is
 *
 * - a map item of a block sequence (a measure, a target, a staffing position…), or
 * - a pair of a block map whose key starts its line (`title: …`, `value: 120`, a top-level `owner:`).
 *
 * The result is exactly what `parseWithYaml(uri, newText)` gives (same tree, same findings), or
 * `undefined` when that cannot be guaranteed; the caller then does a full parse. The argument:
 *
 * - The unit's *region* is its lines: from the start of the line holding its `- ` (or its key) to the
 *   start of the next non-blank line indented at most as far as the `-` (or the key), column `c`.
 *   Every other line of the region is blank or indented deeper than `c`, before and after the edit.
 * - `yaml` reads left to right, so the text before the region parses as before. Inside the region,
 *   every line is deeper than `c`, so the unit is read the same way whether the enclosing collections
 *   are there or not: parsing the region alone (a one-item block sequence, or a one-pair block map, at
 *   column `c`) gives the unit's nodes, whose offsets only need moving by the region's start.
 * - The line after the region is indented at most `c` and, after any comments, so is the next content
 *   line; it closes the unit whatever the unit holds, so the rest of the file parses as before, every
 *   offset moved by the length delta (or shared as is when the length did not change). Collections
 *   that ended with the unit end where the one-unit collection parsed alone ends.
 *
 * A deletion of whole items of one block sequence is the one exception to re-parsing a unit: nothing
 * is parsed, the items before are kept and those after moved (incrementalItems.ts, with its argument).
 *
 * Units are tried innermost first (a `value:` pair, then its target, then the measure, then its goal…);
 * a unit whose new text is not one item (or one pair) at the same column, or that ends in comments
 * whose place `yaml` decides from context outside the region, passes the change to the next unit out.
 * Everything else that could break the argument returns `undefined`: a previous document with findings
 * (syntax errors, limits), or whose tree is not spliceable (`DocumentTraits`: empty keys, placed after
 * the token before them; lone CRs); aliases or tags in the new unit, or, in a document with aliases,
 * aliases in the old one or anchors renamed; an alias copy of a collection that reaches into the
 * region (copies of an anchored scalar in it are re-resolved: `reresolve`); tabs or lone CRs where
 * indentation is counted; errors or warnings in the unit's own parse; a region over 4 KiB that is more
 * than an eighth of the file (the region is parsed with `yaml`; the full parse, with the line reader, is
 * cheaper). A `%YAML` directive is fine: the region is parsed under the
 * document's version. So are aliases elsewhere: a copy of a node before the region is shared as it is
 * (its offsets are its anchor's), one after it moves with everything else.
 *
 * Pure: no I/O, no module state: what a document allows is its `traits`, set by the parser and carried
 * to each re-parse. The unit is built by treeBuilder.ts (`TreeBuilder`, region mode), the one builder of
 * located trees; the fuzzed equivalence test (test/unit/incremental.test.ts) holds the result to a full
 * parse. Units and regions: incrementalUnits.ts; re-parsing and splicing: incrementalSplice.ts.
 */
import type { Span } from './findings';
import type { DocumentTraits, ParseLimits, ParsedDocument } from './parse';
import { aliasExpansionBudget, defaultParseLimits } from './parse';
import type { TreeNode } from './tree';
import { isKnownWithoutDuplicateKeys, markWithoutDuplicateKeys } from './tree';
import { candidatesAt, indentAt, isBlankLine, linesStayInside, nextLine, regionOf, sameTail } from './incrementalUnits';
import { outer, Shifter, splice } from './incrementalSplice';
import { deleteItems } from './incrementalItems';

/** One edit, in the previous text's offsets: delete `deleteCount` characters at `offset`, then insert `insertText`. */
export interface TextChange {
  readonly offset: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/**
 * One change equivalent to `first` followed by `second` (whose offsets are in the text after `first`),
 * in the offsets of the text before `first`; `finalText` is the text after both. The editor may send
 * several changes between two analyses (fast typing): composed, they cost one re-parse. The composed
 * change covers both, so it may span several units (and then fall back).
 */
export function composeChanges(first: TextChange, second: TextChange, finalText: string): TextChange {
  const firstEnd = first.offset + first.insertText.length;
  const start = Math.min(first.offset, second.offset);
  const middleEnd = Math.max(firstEnd, second.offset + second.deleteCount);
  const originalEnd = middleEnd - (first.insertText.length - first.deleteCount);
  const finalEnd = middleEnd + (second.insertText.length - second.deleteCount);
  return { offset: start, deleteCount: originalEnd - start, insertText: finalText.slice(start, finalEnd) };
}

/**
 * Regions larger than this and than an eighth of the document are not worth re-parsing apart: a region
 * is parsed with `yaml`, about ten times slower than a full analysis with the line reader (a
 * 1,000-measure plan: ~170 ms for `parseDocument`, ~16 ms for `analyzeText` whole). Deleting or putting
 * back a goal makes the whole `goals:` pair the region: re-parsed apart, that cost several opens.
 */
const largeRegion = 4 * 1024;

/**
 * Re-parses `newText` (= `previous.text` with `change` applied) by re-parsing only the unit that holds
 * the change. Returns the same `ParsedDocument` a full `parseWithYaml(previous.uri, newText, limits)`
 * would, or `undefined` when that cannot be guaranteed (the caller then parses in full). Untouched
 * subtrees before the unit are shared with `previous`; those after it are copies with moved offsets.
 * Never throws. With `moved`, each sequence item that is a unit (`isSharedUnit`) moved unchanged (same content, other
 * offsets) is recorded in it, new node → old node, so that results kept for the old node can be carried
 * over (`AnalyzeOptions.movedItems`); meaningless when the result is undefined.
 */
export function reparseIncrementally(
  previous: ParsedDocument,
  newText: string,
  change: TextChange,
  limits: ParseLimits = defaultParseLimits,
  moved?: Map<TreeNode, TreeNode>,
): ParsedDocument | undefined {
  try {
    return reparse(previous, newText, change, limits, moved);
  } catch {
    // `Unsafe` or `RegionUnsure`, or a bug here: either way the caller's full parse gives the right answer.
    return undefined;
  }
}

function reparse(previous: ParsedDocument, newText: string, change: TextChange, limits: ParseLimits, moved: Map<TreeNode, TreeNode> | undefined): ParsedDocument | undefined {
  const oldText = previous.text;
  const { offset, deleteCount, insertText } = change;
  const root = previous.root;
  if (!root || previous.hasSyntaxErrors || previous.findings.length > 0 || newText.length > limits.maxLength) {
    return undefined;
  }
  if (
    !Number.isInteger(offset) ||
    !Number.isInteger(deleteCount) ||
    offset < 0 ||
    deleteCount < 0 ||
    offset + deleteCount > oldText.length ||
    newText.length !== oldText.length - deleteCount + insertText.length ||
    !newText.startsWith(insertText, offset)
  ) {
    return undefined;
  }
  const traits = previous.traits;
  if (!traits?.spliceable || traits.aliasExpansion > aliasExpansionBudget(newText.length, limits)) {
    // Not spliceable, or the alias budget, which shrinks with the text, no longer covers the copies.
    return undefined;
  }
  const changeStart = offset;
  const changeEnd = offset + deleteCount;
  const delta = insertText.length - deleteCount;

  const leading = editLeadingComments(root, oldText, newText, changeEnd, delta, moved);
  if (leading !== outer) {
    if (leading && isKnownWithoutDuplicateKeys(root)) {
      markWithoutDuplicateKeys(leading); // every node moved, no key changed
    }
    return leading && { uri: previous.uri, text: newText, root: leading, findings: [], hasSyntaxErrors: false, traits: movedTraits(traits, delta) };
  }

  if (insertText === '') {
    // Whole items of a block sequence deleted (a goal): nothing to re-parse (incrementalItems.ts).
    const deleted = deleteItems(root, oldText, offset, deleteCount, traits, moved);
    if (deleted) {
      return { uri: previous.uri, text: newText, root: deleted, findings: [], hasSyntaxErrors: false, traits };
    }
  }

  for (const candidate of candidatesAt(root, changeStart)) {
    const region = regionOf(oldText, candidate);
    if (!region) {
      continue;
    }
    const { lineStart, column, end: oldRegionEnd } = region;
    // The change must leave the `- ` prefix (or the key's indentation) alone and stay on the region's
    // lines, short of its final line break.
    const lastEditable = oldRegionEnd === oldText.length ? oldText.length : oldRegionEnd - 1;
    if (changeStart < candidate.start || changeEnd > lastEditable) {
      continue;
    }
    if (traits.hasAliases && holdsAlias(oldText.slice(lineStart, oldRegionEnd))) {
      // An alias in the region changes what the document expands to: a full parse re-resolves it. (The
      // new region is built in region mode, which refuses aliases; anchors: `reresolve`.)
      return undefined;
    }
    const newRegionEnd = oldRegionEnd + delta;
    if (!sameTail(oldText, oldRegionEnd, newText, newRegionEnd)) {
      return undefined;
    }
    const regionLength = newRegionEnd - lineStart;
    if (regionLength > largeRegion && regionLength * 8 > newText.length) {
      // Re-parsing much of a file apart costs more than the full parse the caller will do.
      return undefined;
    }
    if (!linesStayInside(newText, lineStart, newRegionEnd, column)) {
      continue;
    }
    const spliced = splice(candidate, oldText, newText, { lineStart, column, end: newRegionEnd }, oldRegionEnd, delta, limits, traits, moved);
    if (spliced === outer) {
      continue;
    }
    if (!spliced) {
      return undefined;
    }
    // What made `previous` spliceable holds for the result: the new unit was built in region mode.
    return { uri: previous.uri, text: newText, root: spliced.root, findings: [], hasSyntaxErrors: false, traits: spliced.traits };
  }
  return undefined;
}

/** The traits after an edit before the first content line: the nodes aliases stand for move by `delta`. */
function movedTraits(traits: DocumentTraits, delta: number): DocumentTraits {
  if (delta === 0 || traits.aliasedSpans.length === 0) {
    return traits;
  }
  return { ...traits, aliasedSpans: traits.aliasedSpans.map((span): Span => [span[0] + delta, span[1] + delta]) };
}

/**
 * An edit confined to the comment lines before the first content line (a plan's header) moves every
 * node and changes nothing else: nothing precedes those comments, so no node can take them in. Returns
 * `outer` when the change is not there, `undefined` when the lines are no longer only comments.
 */
function editLeadingComments(root: TreeNode, oldText: string, newText: string, changeEnd: number, delta: number, moved: Map<TreeNode, TreeNode> | undefined): TreeNode | typeof outer | undefined {
  const oldEnd = oldText.lastIndexOf('\n', root.start - 1) + 1;
  if (oldEnd === 0 || changeEnd > oldEnd - 1) {
    return outer;
  }
  const onlyComments = (text: string, end: number) => {
    for (let pos = 0; pos < end; pos = nextLine(text, pos)) {
      if (!isBlankLine(text, pos) && text.charCodeAt(pos + indentAt(text, pos)) !== 0x23 /* # */) {
        return false;
      }
    }
    return true;
  };
  const newEnd = oldEnd + delta;
  if (!onlyComments(oldText, oldEnd) || !onlyComments(newText, newEnd) || /\r(?!\n)/.test(newText.slice(0, newEnd))) {
    return undefined;
  }
  return new Shifter(delta, oldEnd, 0, new Map(), moved).node(root);
}

/** True when `text` may hold an alias (`*a`): a `*` after a space, a flow indicator or at its start. */
function holdsAlias(text: string): boolean {
  return /(?:^|[\s[{,])\*/.test(text);
}
