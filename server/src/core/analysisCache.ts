/**
 * The state of an analysis, explicit and owned by the caller: the core keeps none in its modules.
 *
 * - `schemaValidators`: the compiled schema validators (`schemaValidators.ts`). Compiling costs far more
 *   than validating, so one set serves many documents: the server makes one for its workspace, the CLI
 *   one per run, and every cache of theirs shares it.
 * - `units`: results computed per unit node (`isSharedUnit` in tree.ts), kept in `WeakMap`s inside this
 *   object. An incremental re-parse shares every untouched goal, objective, measure or position node with
 *   the last version, so its schema problems, duplicate-key check, id entries and measure model are
 *   looked up instead of computed again. Only worth it where units will be shared: the server keeps one
 *   cache with units per open document (made when it opens, dropped when it closes); files indexed from
 *   disk and the CLI's files are never edited, so their caches have none (filling them costs about a
 *   sixth of an analysis). A result kept by node must depend on nothing but that node.
 */
import type { IdEntry } from './duplicateChecks';
import type { Measure } from './model';
import type { SchemaValidators, UnitValidationResults } from './schemaValidators';
import { createSchemaValidators } from './schemaValidators';
import type { MapNode } from './tree';

/** Per-unit results, keyed by node (see the module comment). */
export interface UnitCaches {
  /** Schema problems of each unit, per unit definition. */
  readonly schemaResults: UnitValidationResults;
  /** Shared units found to hold no repeated key anywhere inside. */
  readonly withoutDuplicateKeys: WeakSet<MapNode>;
  /** The id entries of a goal, its objectives and its measures. */
  readonly goalIdEntries: WeakMap<MapNode, readonly IdEntry[]>;
  /** Measure models by measure node. */
  readonly measureModels: WeakMap<MapNode, Measure>;
}

export interface AnalysisCache {
  readonly schemaValidators: SchemaValidators;
  /** Undefined when the documents analysed with this cache are not edited (see the module comment). */
  readonly units: UnitCaches | undefined;
}

export interface AnalysisCacheOptions {
  /** Validators to share; a new set when absent. */
  readonly schemaValidators?: SchemaValidators;
  /** Keep per-unit results (for a document open in the editor). */
  readonly reuseUnits?: boolean;
}

export function createAnalysisCache(options: AnalysisCacheOptions = {}): AnalysisCache {
  return {
    schemaValidators: options.schemaValidators ?? createSchemaValidators(),
    units: options.reuseUnits
      ? { schemaResults: new Map(), withoutDuplicateKeys: new WeakSet(), goalIdEntries: new WeakMap(), measureModels: new WeakMap() }
      : undefined,
  };
}
