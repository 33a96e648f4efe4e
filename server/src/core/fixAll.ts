/**
 * Fix-all: the one policy for applying many fixes at once, used by the editor's
 * `source.fixAll.planAudit` action (lsp/toCodeActions.ts) and by the tests that apply fixes
 * (test/unit/rules/ruleFixtures.ts, test/unit/allFixes.test.ts) alike.
 *
 * 1. Candidates: the preferred fix of each unsuppressed finding (`preferredFixes`), in finding order,
 *    when it is complete (a rename, a replacement) or when `insertPlaceholders` is set (the
 *    `planAudit.fixAll.insertPlaceholders` setting). Fix-all often runs on every save, and must not
 *    scaffold empty `targets:` or `owner:` keys into a file the auditor did not ask to change.
 * 2. Order: by where a fix starts, then where it ends, then finding order (a stable sort), so the
 *    result depends on the findings only.
 * 3. Overlap: a fix is taken whole or not at all, and only when everything it touches lies after what
 *    the fixes taken before it touch. Two fixes that touch the same text, or insert at the same offset,
 *    conflict: the first in that order is taken, the other waits for the next round (run fix-all again:
 *    the finding is still reported, with its fix built for the new text). A fix may need several edits
 *    (replace a null token, then add lines after a comment); taking only some of them would garble the
 *    text, and two inserts at one offset would come out in an order neither fix was built for.
 */
import type { Finding, Fix, TextEdit } from './findings';

/** What fix-all applies besides complete fixes, and to which findings. */
export interface FixAllOptions {
  /** Also fixes that insert empty values to fill in (`Fix.complete` not set). Off by default. */
  readonly insertPlaceholders?: boolean;
  /** Only the findings this accepts (a test of one rule's fixtures); all by default. */
  readonly include?: (finding: Finding) => boolean;
}

/** The fixes fix-all considers (step 1 above), in finding order. */
export function preferredFixes(findings: readonly Finding[], options: FixAllOptions = {}): Fix[] {
  const fixes: Fix[] = [];
  for (const finding of findings) {
    if (finding.suppressed || (options.include && !options.include(finding))) {
      continue;
    }
    for (const fix of finding.fixes ?? []) {
      if (fix.isPreferred && (fix.complete === true || options.insertPlaceholders === true)) {
        fixes.push(fix);
      }
    }
  }
  return fixes;
}

/** The edits of a fix-all of `fixes` (see the module comment), in offset order, none overlapping. */
export function fixAllEdits(fixes: readonly Fix[]): TextEdit[] {
  const spans = fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix) => {
      let start = Number.POSITIVE_INFINITY;
      let end = Number.NEGATIVE_INFINITY;
      for (const edit of fix.edits) {
        start = Math.min(start, edit.offset);
        end = Math.max(end, edit.offset + edit.deleteCount);
      }
      return { fix, start, end };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let keptEnd = -1;
  for (const { fix, start, end } of spans) {
    if (start > keptEnd || (kept.length === 0 && start >= keptEnd)) {
      for (const edit of fix.edits) {
        kept.push(edit);
      }
      keptEnd = end;
    }
  }
  return kept.sort((a, b) => a.offset - b.offset);
}

/** Fix-all over the findings of one document: the edits, and how many fixes they apply. */
export function fixAll(findings: readonly Finding[], options: FixAllOptions = {}): { readonly edits: TextEdit[]; readonly candidates: number } {
  const fixes = preferredFixes(findings, options);
  return { edits: fixAllEdits(fixes), candidates: fixes.length };
}
