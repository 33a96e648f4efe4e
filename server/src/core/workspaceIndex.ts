/**
 * The per-scope index of a workspace view: what cross-file rules look up about the other documents
 * (plans and portfolios in URI order, plan ids, portfolio area ids and titles), computed once per
 * `WorkspaceView` on first use and kept in the view's `lookups`.
 *
 * Why: `auditWorkspace` runs every rule on every document of a scope, so a cross-file rule that scans
 * `workspace.documents` per document makes auditing N files O(N²). Through this index a rule's work on
 * one document is a few map look-ups plus what it reports. Coverage data, which also depends on the
 * review fiscal year, is cached the same way in `coverage.ts` (built on this index).
 *
 * Contract: a `WorkspaceView`'s documents never change once built (`createAuditContext` builds a new
 * view per audit), so an index computed from them stays valid for the view's lifetime, and is collected
 * with it. Pure: reads the typed model only.
 */
import type { CoverageLookups } from './coverage';
import type { Area, Plan, Portfolio } from './model';
import type { AuditedDocument, WorkspaceView } from './rule';

/** One portfolio listing an area id, with its first area of that id (a portfolio may repeat an id). */
export interface AreaOccurrence {
  readonly portfolio: AuditedDocument<Portfolio>;
  readonly area: Area;
}

export interface WorkspaceIndex {
  /** The plans of the view, in URI order (`compareUris`). */
  readonly plans: readonly AuditedDocument<Plan>[];
  /** The portfolios of the view, in URI order (`compareUris`). */
  readonly portfolios: readonly AuditedDocument<Portfolio>[];
  /** Each plan id → the first plan, in URI order, with that id. */
  readonly firstPlanById: ReadonlyMap<string, AuditedDocument<Plan>>;
  /**
   * Each area id of any portfolio → the title of its first occurrence (portfolios in URI order, areas in
   * document order). Iterates in order of first occurrence, the order messages list areas in.
   */
  readonly areaTitles: ReadonlyMap<string, string | undefined>;
  /** Each area id → the portfolios that list it, in URI order, each with its first area of that id. */
  readonly areaOccurrences: ReadonlyMap<string, readonly AreaOccurrence[]>;
}

/** What is derived from a view's documents, filled on first use; owned by the view (`WorkspaceView.lookups`). */
export interface WorkspaceLookups {
  index?: WorkspaceIndex;
  /** The coverage at each review date and fiscal year asked for (`coverage.ts`). */
  readonly coverage: Map<string, CoverageLookups>;
}

/** A view of `documents`, with no look-up built yet. */
export function createWorkspaceView(documents: readonly AuditedDocument[]): WorkspaceView {
  return { documents, lookups: { coverage: new Map() } };
}

/** The index of `workspace`, built on first use (O(documents + areas)) and then returned as is. */
export function workspaceIndex(workspace: WorkspaceView): WorkspaceIndex {
  return (workspace.lookups.index ??= buildIndex(workspace));
}

function buildIndex(workspace: WorkspaceView): WorkspaceIndex {
  const plans = sortedByUri(workspace.documents.filter((document): document is AuditedDocument<Plan> => document.model.kind === 'plan'));
  const portfolios = sortedByUri(workspace.documents.filter((document): document is AuditedDocument<Portfolio> => document.model.kind === 'portfolio'));
  const firstPlanById = new Map<string, AuditedDocument<Plan>>();
  for (const plan of plans) {
    const id = plan.model.id;
    if (id !== undefined && !firstPlanById.has(id)) {
      firstPlanById.set(id, plan);
    }
  }
  const areaTitles = new Map<string, string | undefined>();
  const areaOccurrences = new Map<string, AreaOccurrence[]>();
  for (const portfolio of portfolios) {
    const seen = new Set<string>();
    for (const area of portfolio.model.areas) {
      const id = area.id;
      if (id === undefined || seen.has(id)) {
        continue;
      }
      seen.add(id);
      if (!areaTitles.has(id)) {
        areaTitles.set(id, area.title);
      }
      const occurrence: AreaOccurrence = { portfolio, area };
      const list = areaOccurrences.get(id);
      if (list) {
        list.push(occurrence);
      } else {
        areaOccurrences.set(id, [occurrence]);
      }
    }
  }
  return { plans, portfolios, firstPlanById, areaTitles, areaOccurrences };
}

function sortedByUri<T extends { readonly uri: string }>(documents: readonly T[]): T[] {
  return [...documents].sort((a, b) => compareUris(a.uri, b.uri));
}

/** Orders URIs as the findings are sorted (`sortFindings`); "first" and "second" occurrences follow it. */
export function compareUris(a: string, b: string): number {
  return a.localeCompare(b);
}
