/**
 * The compiled schema validators: ajv against `schemas/*.schema.json`, held in an object the caller
 * creates (`createSchemaValidators`) and hands to the core through its `AnalysisCache`: the server keeps
 * one for its workspace, the CLI one per run. Each kind's validators are compiled when that kind is
 * first validated, into this object; nothing is kept in the module.
 *
 * Entries validated as units: sequence items that hold collections (a goal, an objective, a measure, a
 * position, an area, a recommendation). Each unit is validated on its own, with plain data built for it
 * alone and dropped right after, so the plain copy of a whole document is never held at once; and for a
 * tree from an incremental re-parse, whose untouched units are the previous version's nodes, a unit's
 * problems are computed once per node (`UnitCaches.schemaResults`): after a one-value edit only the
 * units on the path to the edit and the document's own keys are validated again.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import planSchema from '../../../schemas/plan.schema.json';
import portfolioSchema from '../../../schemas/portfolio.schema.json';
import recommendationsSchema from '../../../schemas/recommendations.schema.json';
import staffingSchema from '../../../schemas/staffing.schema.json';
import { isIsoDate } from './dates';
import type { PlanKind } from './model';
import type { Problem } from './schemaProblems';
import { collapse, withPathPrefix } from './schemaProblems';
import type { TreeNode } from './tree';
import { getPair, plainMapOf, toPlain } from './tree';

/** The schemas as imported (the bundle carries them), by kind. */
export const schemaSources = { plan: planSchema, staffing: staffingSchema, portfolio: portfolioSchema, recommendations: recommendationsSchema };

const unitDefinitions: ReadonlySet<string> = new Set(['goal', 'objective', 'measure', 'position', 'area', 'recommendation']);

/** A unit met in a subject: its node, and its data path relative to that subject. */
interface UnitOccurrence {
  readonly definition: string;
  readonly node: TreeNode;
  readonly instancePath: string;
}

/** What validates one kind: the document, and each unit definition, with the properties that hold units. */
export interface KindValidators {
  readonly document: SubjectValidator;
  readonly unit: (definition: string) => SubjectValidator;
}

interface SubjectValidator {
  readonly validate: ValidateFunction;
  /** Properties whose sequence items are units (validated apart), with their unit definition, in schema order. */
  readonly unitProperties: ReadonlyMap<string, string>;
}

/** The compiled validators of every kind (see the module comment). */
export interface SchemaValidators {
  forKind(kind: PlanKind): KindValidators;
}

/** The problems of one validated subject (its units' excluded) and the units inside it. */
export interface ValidationResult {
  readonly problems: readonly Problem[];
  readonly units: readonly UnitOccurrence[];
}

/**
 * Results per unit definition and node, for trees whose units are shared between versions. Nodes never
 * change and a unit's problems depend on nothing but its node, so a result stays true for as long as
 * the node lives.
 */
export type UnitValidationResults = Map<string, WeakMap<TreeNode, ValidationResult>>;

/** A new set of validators; each kind is compiled on its first use. `format: date` is a real calendar date. */
export function createSchemaValidators(): SchemaValidators {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  const byKind = new Map<PlanKind, KindValidators>();
  return {
    forKind(kind) {
      let kindValidators = byKind.get(kind);
      if (!kindValidators) {
        kindValidators = compileKind(ajv, schemaSources[kind]);
        byKind.set(kind, kindValidators);
      }
      return kindValidators;
    },
  };
}

function compileKind(ajv: Ajv, source: JsonSchemaSource): KindValidators {
  const document = withUnitsApart(source);
  const definitions: Record<string, JsonSchemaSource> = {};
  const unitPropertiesOf = new Map<string, ReadonlyMap<string, string>>();
  for (const [name, definition] of Object.entries(source.definitions ?? {})) {
    if (unitDefinitions.has(name)) {
      const replaced = withUnitsApart(definition);
      definitions[name] = replaced.schema;
      unitPropertiesOf.set(name, replaced.units);
    } else {
      definitions[name] = definition;
    }
  }
  const compile = (schema: JsonSchemaSource) => ajv.compile({ ...schema, definitions });
  const units = new Map<string, SubjectValidator>();
  return {
    document: { validate: compile(document.schema), unitProperties: document.units },
    unit(definition) {
      let validator = units.get(definition);
      if (!validator) {
        validator = { validate: compile({ $ref: `#/definitions/${definition}` }), unitProperties: unitPropertiesOf.get(definition) ?? new Map() };
        units.set(definition, validator);
      }
      return validator;
    },
  };
}

/** A schema as read from `schemas/`, for the transformation below. */
interface JsonSchemaSource {
  readonly definitions?: Readonly<Record<string, JsonSchemaSource>>;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly [keyword: string]: unknown;
}

/**
 * A copy of `schema` in which each property whose items refer to a unit definition accepts any item
 * (the units are validated apart, by their own validator), with the properties so changed. Only direct
 * properties: elsewhere (inside `anyOf`, say, where a branch must see the unit's errors to decide
 * whether it matched) items stay references.
 */
function withUnitsApart(schema: JsonSchemaSource): { schema: JsonSchemaSource; units: Map<string, string> } {
  const units = new Map<string, string>();
  if (!schema.properties) {
    return { schema, units };
  }
  const properties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const definition = unitDefinitionOf((property as { items?: unknown } | null)?.items);
    if (definition !== undefined) {
      units.set(name, definition);
      properties[name] = { ...(property as object), items: true };
    } else {
      properties[name] = property;
    }
  }
  return { schema: { ...schema, properties }, units };
}

function unitDefinitionOf(items: unknown): string | undefined {
  const ref = (items as { $ref?: unknown } | null)?.$ref;
  const name = typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
  return name !== undefined && unitDefinitions.has(name) ? name : undefined;
}

/**
 * The plain data a subject's validator reads: `toPlain`, except that the items of unit properties are
 * left out of it (as nodes, which the validator accepts without reading: `items: true`).
 */
function subjectData(node: TreeNode, unitProperties: ReadonlyMap<string, string>): unknown {
  if (node.kind !== 'map' || unitProperties.size === 0) {
    return toPlain(node);
  }
  return plainMapOf(node, (value, key) => (value.kind === 'seq' && unitProperties.has(key) ? value.items : toPlain(value)));
}

/**
 * The units of a subject: every item of each unit property whose value is a list, in the order ajv
 * would meet them (properties in schema order, items in list order). The first pair of a key is the one
 * read, as in `subjectData`.
 */
function unitsOf(node: TreeNode, unitProperties: ReadonlyMap<string, string>): UnitOccurrence[] {
  const units: UnitOccurrence[] = [];
  if (node.kind !== 'map') {
    return units;
  }
  for (const [property, definition] of unitProperties) {
    const value = getPair(node, property)?.value;
    if (value?.kind === 'seq') {
      value.items.forEach((item, index) => units.push({ definition, node: item, instancePath: `/${property}/${index}` }));
    }
  }
  return units;
}

/**
 * Validates `node` (the document when `definition` is undefined, else a unit) and, recursively, the
 * units in it; appends problems with paths from the document root. With `unitResults`, a unit's result
 * is looked up by node first and kept for the next version.
 */
export function collectProblems(
  kindValidators: KindValidators,
  definition: string | undefined,
  node: TreeNode,
  prefix: string,
  problems: Problem[],
  unitResults: UnitValidationResults | undefined,
  movedItems?: ReadonlyMap<TreeNode, TreeNode>,
): void {
  const results = unitResults && definition !== undefined ? unitResults.get(definition) : undefined;
  let result = results?.get(node);
  if (!result) {
    const subject = definition === undefined ? kindValidators.document : kindValidators.unit(definition);
    // A unit an edit only moved holds the same data as its old node: the same problems (their paths are
    // relative to the unit, and validation reads no offsets); its units are its own new nodes.
    const old = movedItems?.get(node);
    const moved = old && results?.get(old);
    if (moved) {
      result = { problems: moved.problems, units: unitsOf(node, subject.unitProperties) };
    } else {
      subject.validate(subjectData(node, subject.unitProperties));
      result = { problems: subject.validate.errors ? collapse(subject.validate.errors) : [], units: unitsOf(node, subject.unitProperties) };
    }
    if (unitResults && definition !== undefined) {
      if (results) {
        results.set(node, result);
      } else {
        unitResults.set(definition, new WeakMap([[node, result]]));
      }
    }
  }
  for (const problem of result.problems) {
    problems.push(prefix === '' ? problem : withPathPrefix(problem, prefix));
  }
  for (const unit of result.units) {
    collectProblems(kindValidators, unit.definition, unit.node, prefix + unit.instancePath, problems, unitResults, movedItems);
  }
}
