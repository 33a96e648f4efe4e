/**
 * Schema validation and the structural checks of plan-audit files, reported on the located tree.
 *
 * The JSON Schemas in `schemas/` are the single source of truth for what each kind may contain; ajv
 * checks them and this module turns each ajv error into a finding at the exact YAML node, worded for an
 * auditor (dotted field paths such as `goals[0].measures[2].unit`, what was expected, what was found).
 * The schemas' `title`s double as the wording: an object schema's title names the entry ("Measure"), a
 * property's title says what the field means ("What the measure counts").
 *
 * Pure: no file system, no editor API. The schemas are imported as JSON so the bundle carries them.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import planSchema from '../../../schemas/plan.schema.json';
import portfolioSchema from '../../../schemas/portfolio.schema.json';
import recommendationsSchema from '../../../schemas/recommendations.schema.json';
import staffingSchema from '../../../schemas/staffing.schema.json';
import { isIsoDate } from './dates';
import type { Finding, Fix, Span } from './findings';
import type { PlanKind } from './model';
import { planKinds } from './model';
import type { MapNode, Pair, ScalarNode, TreeNode } from './tree';
import { duplicatePairs, getMap, getNumber, getPair, getSeq, isKnownWithoutDuplicateKeys, isSharedUnit, plainMapOf, spanOf, toPlain } from './tree';
import { appendAll, maxOf } from './arrays';

/** Rule ids of the findings this module reports. */
export const SchemaRuleIds = {
  schema: 'schema',
  duplicateKey: 'duplicate-key',
  duplicateId: 'duplicate-id',
} as const;

/**
 * Validates a document against the schema of `kind` and reports every violation as an error finding
 * (rule id `schema`) on the node it concerns:
 *
 * - a wrong type, value, range, pattern or enum: on the value (on the key when the value is empty);
 * - missing required keys: on the key of the map that lacks them (the `kind` key for the root map, the
 *   first key for an entry of a list), one finding per map;
 * - an unknown key: on that key, with a "Rename to …" fix when a close allowed key exists;
 * - checks JSON Schema cannot express: real calendar dates (2017-02-30 is not one) and fiscal-year
 *   ranges whose `start` is after their `end`.
 *
 * Alternatives (`anyOf`) are collapsed into one finding, and no node gets two findings for one cause.
 * The validators are compiled once per process, on first use. Never throws.
 */
export function validateSchema(uri: string, root: TreeNode, kind: PlanKind, reuseUnits = false): Finding[] {
  const problems: Problem[] = [];
  collectProblems(validatorsFor(kind), undefined, root, '', problems, reuseUnits);
  const findings: Finding[] = [];
  if (problems.length > 0) {
    const mapper = new ErrorMapper(uri, root, schemas[kind]);
    for (const problem of problems) {
      findings.push(mapper.toFinding(problem));
    }
  }
  appendAll(findings, checkRanges(uri, root, kind));
  return dedupe(findings);
}

/**
 * Finds repeated keys and ids, which YAML and JSON Schema cannot see once the document is data:
 *
 * - `duplicate-key`: a key repeated in one map, reported on the second (and later) occurrence with the
 *   first as related location; only the first is read, everywhere in Plan Audit;
 * - `duplicate-id`: an `id` used twice within one file, reported on the later `id` value with the first
 *   as related location. Goals, objectives and measures share one id space per plan; positions, areas
 *   and recommendation items each have their own per file.
 *
 * Linear in the size of the tree. Never throws.
 */
export function checkDuplicates(uri: string, root: TreeNode, kind: PlanKind, reuseUnits = false): Finding[] {
  const findings: Finding[] = [];
  if (!isKnownWithoutDuplicateKeys(root)) {
    collectDuplicateKeys(uri, root, findings, reuseUnits);
  }
  if (root.kind === 'map') {
    collectDuplicateIds(uri, idEntries(root, kind, reuseUnits), kind, findings);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// Validators, compiled once

/** The subset of JSON Schema this module reads to word its messages. */
interface JsonSchema {
  readonly title?: string;
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

const schemaSources = { plan: planSchema, staffing: staffingSchema, portfolio: portfolioSchema, recommendations: recommendationsSchema };

const schemas: Readonly<Record<PlanKind, JsonSchema>> = schemaSources;

let ajv: Ajv | undefined;

/**
 * Entries validated as units: sequence items that hold collections (a goal, an objective, a measure, a
 * position, an area, a recommendation). Each unit is validated on its own, with plain data built for it
 * alone and dropped right after, so the plain copy of a whole document is never held at once; and for a
 * tree from an incremental re-parse, whose untouched units are the previous version's nodes, a unit's
 * problems are computed once per node: after a one-value edit only the units on the path to the edit
 * and the document's own keys are validated again.
 */
const unitDefinitions: ReadonlySet<string> = new Set(['goal', 'objective', 'measure', 'position', 'area', 'recommendation']);

/**
 * The custom keyword that stands in for `items: { $ref: '#/definitions/<unit>' }` of a property of the
 * document or of a unit. It accepts the item and records where it is; `collectProblems` then validates
 * it with the unit's own validator.
 */
const unitKeyword = 'planAuditUnit';

/** A unit met while validating: its node, and its data path relative to the data that validator was given. */
interface UnitOccurrence {
  readonly definition: string;
  readonly node: TreeNode;
  readonly instancePath: string;
}

/** Where the unit keyword records units during one (synchronous) validator call. */
let unitSink: UnitOccurrence[] | undefined;

/** What validates one kind: the document, and each unit definition, with the properties that hold units. */
interface KindValidators {
  readonly document: SubjectValidator;
  readonly unit: (definition: string) => SubjectValidator;
}

interface SubjectValidator {
  readonly validate: ValidateFunction;
  /** Properties whose sequence items are units (validated apart), with their unit definition. */
  readonly unitProperties: ReadonlyMap<string, string>;
}

const validators = new Map<PlanKind, KindValidators>();

function validatorsFor(kind: PlanKind): KindValidators {
  let kindValidators = validators.get(kind);
  if (!kindValidators) {
    ajv ??= createAjv();
    const instance = ajv;
    const source = schemaSources[kind] as JsonSchemaSource;
    const document = withUnitKeyword(source);
    const definitions: Record<string, JsonSchemaSource> = {};
    const unitPropertiesOf = new Map<string, ReadonlyMap<string, string>>();
    for (const [name, definition] of Object.entries(source.definitions ?? {})) {
      if (unitDefinitions.has(name)) {
        const replaced = withUnitKeyword(definition);
        definitions[name] = replaced.schema;
        unitPropertiesOf.set(name, replaced.units);
      } else {
        definitions[name] = definition;
      }
    }
    const compile = (schema: JsonSchemaSource) => instance.compile({ ...schema, definitions });
    const units = new Map<string, SubjectValidator>();
    kindValidators = {
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
    validators.set(kind, kindValidators);
  }
  return kindValidators;
}

/** A schema as read from `schemas/`, for the transformation below. */
interface JsonSchemaSource {
  readonly definitions?: Readonly<Record<string, JsonSchemaSource>>;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly [keyword: string]: unknown;
}

/**
 * A copy of `schema` in which each property whose items refer to a unit definition uses the unit
 * keyword instead, with the properties so changed. Only direct properties: elsewhere (inside `anyOf`,
 * say, where a branch must see the unit's errors to decide whether it matched) items stay references.
 */
function withUnitKeyword(schema: JsonSchemaSource): { schema: JsonSchemaSource; units: Map<string, string> } {
  const units = new Map<string, string>();
  if (!schema.properties) {
    return { schema, units };
  }
  const properties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const definition = unitDefinitionOf((property as { items?: unknown } | null)?.items);
    if (definition !== undefined) {
      units.set(name, definition);
      properties[name] = { ...(property as object), items: { [unitKeyword]: definition } };
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
 * The plain data a subject's validator reads: `toPlain`, except that the items of unit properties stay
 * nodes. The unit keyword only records them, so nothing else reads them as data.
 */
function subjectData(node: TreeNode, unitProperties: ReadonlyMap<string, string>): unknown {
  if (node.kind !== 'map' || unitProperties.size === 0) {
    return toPlain(node);
  }
  return plainMapOf(node, (value, key) => (value.kind === 'seq' && unitProperties.has(key) ? value.items : toPlain(value)));
}

/** The problems of one validated subject (its units' excluded) and the units inside it. */
interface ValidationResult {
  readonly problems: readonly Problem[];
  readonly units: readonly UnitOccurrence[];
}

/**
 * Results per unit definition and node, for trees from an incremental re-parse (`reuseUnits`). Nodes
 * never change and a unit's problems depend on nothing but its node, so a result stays true for as long
 * as the node lives.
 */
const unitResults = new Map<string, WeakMap<TreeNode, ValidationResult>>();

/**
 * Validates `node` (the document when `definition` is undefined, else a unit) and, recursively, the
 * units in it; appends problems with paths from the document root.
 */
function collectProblems(
  kindValidators: KindValidators,
  definition: string | undefined,
  node: TreeNode,
  prefix: string,
  problems: Problem[],
  reuseUnits: boolean,
): void {
  const cacheable = reuseUnits && definition !== undefined;
  let results = cacheable ? unitResults.get(definition) : undefined;
  let result = results?.get(node);
  if (!result) {
    const subject = definition === undefined ? kindValidators.document : kindValidators.unit(definition);
    const units: UnitOccurrence[] = [];
    const outer = unitSink;
    unitSink = units;
    try {
      subject.validate(subjectData(node, subject.unitProperties));
    } finally {
      unitSink = outer;
    }
    result = { problems: subject.validate.errors ? collapse(subject.validate.errors) : [], units };
    if (cacheable) {
      if (!results) {
        results = new WeakMap();
        unitResults.set(definition, results);
      }
      results.set(node, result);
    }
  }
  for (const problem of result.problems) {
    problems.push(prefix === '' ? problem : withPathPrefix(problem, prefix));
  }
  for (const unit of result.units) {
    collectProblems(kindValidators, unit.definition, unit.node, prefix + unit.instancePath, problems, reuseUnits);
  }
}

/** `problem` with `prefix` put before its data paths (a unit's problem placed in its document). */
function withPathPrefix(problem: Problem, prefix: string): Problem {
  switch (problem.type) {
    case 'missing':
    case 'missing-one-of':
      return { ...problem, instancePath: prefix + problem.instancePath };
    case 'error':
    case 'wrong-type-any':
      return { ...problem, error: { ...problem.error, instancePath: prefix + problem.error.instancePath } };
  }
}

/** `format: date` is the real-calendar-date check; the schemas' `pattern` only checks the shape. */
function createAjv(): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false });
  instance.addFormat('date', { type: 'string', validate: isIsoDate });
  instance.addKeyword({
    keyword: unitKeyword,
    schemaType: 'string',
    errors: false,
    validate(definition: string, data: unknown, _parentSchema?: unknown, dataContext?: { instancePath: string }) {
      // The item is a node: `subjectData` keeps unit items as nodes.
      unitSink?.push({ definition, node: data as TreeNode, instancePath: dataContext?.instancePath ?? '' });
      return true;
    },
  });
  return instance;
}

// ---------------------------------------------------------------------------------------------------
// Collapsing ajv's errors into problems

/** One thing to report: an ajv error, the required keys one map lacks, or "needs one of" from `anyOf`. */
type Problem =
  | { readonly type: 'error'; readonly error: ErrorObject }
  | { readonly type: 'missing'; readonly instancePath: string; readonly keys: readonly string[] }
  | { readonly type: 'missing-one-of'; readonly instancePath: string; readonly keys: readonly string[] }
  | { readonly type: 'wrong-type-any'; readonly error: ErrorObject; readonly types: readonly string[] };

/**
 * Reduces ajv's output to what an auditor should read. An `anyOf`/`oneOf` whose branches all failed on
 * required keys becomes "needs `a` or `b`"; one whose branches all failed on type becomes one type
 * error; otherwise only the branch that got deepest into the data is kept, since it is the one the
 * author most likely meant. `if` errors are dropped (the `then` errors say what is wrong), a date that
 * fails its pattern is not also reported as an unreal date, and the required keys missing from one map
 * become one problem.
 */
function collapse(errors: readonly ErrorObject[]): Problem[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, Problem>();
  // ajv pushes a composite's branch errors right before the composite itself, so walking backwards from
  // it finds them without scanning the whole list; from the end, enclosing composites come first.
  for (let index = errors.length - 1; index >= 0; index--) {
    const composite = errors[index];
    if ((composite.keyword !== 'anyOf' && composite.keyword !== 'oneOf') || dropped.has(composite)) {
      continue;
    }
    // schemaPath alone is ambiguous (every entry checked by one referenced schema reports `#/anyOf`),
    // so a branch error must also lie at or below the composite's data path.
    const prefix = `${composite.schemaPath}/`;
    const path = composite.instancePath;
    const branches = new Map<string, ErrorObject[]>();
    for (let before = index - 1; before >= 0; before--) {
      const error = errors[before];
      if (!error.schemaPath.startsWith(prefix) || !(error.instancePath === path || error.instancePath.startsWith(`${path}/`))) {
        break;
      }
      if (!dropped.has(error)) {
        const branch = error.schemaPath.slice(prefix.length).split('/')[0];
        branches.set(branch, [error, ...(branches.get(branch) ?? [])]);
      }
    }
    const branchErrors = [...branches.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, branch]) => branch);
    if (branchErrors.length === 0) {
      continue; // oneOf with several passing branches: ajv's own error is all there is
    }
    const all = branchErrors.flat();
    const atComposite = (error: ErrorObject) => error.instancePath === path;
    if (all.every((error) => error.keyword === 'required' && atComposite(error))) {
      const keys = unique(all.map((error) => String(error.params.missingProperty)));
      replaced.set(composite, { type: 'missing-one-of', instancePath: path, keys });
      all.forEach((error) => dropped.add(error));
    } else if (all.every((error) => error.keyword === 'type' && atComposite(error))) {
      const types = unique(all.flatMap((error) => typeList(error.params.type)));
      replaced.set(composite, { type: 'wrong-type-any', error: all[0], types });
      all.forEach((error) => dropped.add(error));
    } else {
      const best = bestBranch(branchErrors);
      for (const branch of branchErrors) {
        if (branch !== best) {
          branch.forEach((error) => dropped.add(error));
        }
      }
      dropped.add(composite);
    }
  }
  const patternPaths = new Set(errors.filter((error) => error.keyword === 'pattern').map((error) => error.instancePath));
  const problems: Problem[] = [];
  const missingByPath = new Map<string, string[]>();
  for (const error of errors) {
    const replacement = replaced.get(error);
    if (replacement) {
      problems.push(replacement);
      continue;
    }
    if (dropped.has(error) || error.keyword === 'if' || (error.keyword === 'format' && patternPaths.has(error.instancePath))) {
      continue;
    }
    if (error.keyword === 'required') {
      const keys = missingByPath.get(error.instancePath);
      const key = String(error.params.missingProperty);
      if (keys) {
        keys.push(key);
      } else {
        const list = [key];
        missingByPath.set(error.instancePath, list);
        problems.push({ type: 'missing', instancePath: error.instancePath, keys: list });
      }
      continue;
    }
    problems.push({ type: 'error', error });
  }
  return problems;
}

/** The branch that got deepest into the data, then the one with the fewest errors. */
function bestBranch(branches: readonly ErrorObject[][]): ErrorObject[] {
  const depth = (branch: readonly ErrorObject[]) => maxOf(branch.map((error) => error.instancePath.split('/').length), 0);
  return [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
}

function typeList(type: unknown): string[] {
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

// ---------------------------------------------------------------------------------------------------
// Mapping problems onto the tree

type Segment = string | number;

/** Where an ajv `instancePath` lands in the tree: the nodes along the way and the pairs that hold them. */
interface Location {
  readonly segments: readonly Segment[];
  /** `nodes[0]` is the root; `nodes[i + 1]` is reached from `nodes[i]` by `segments[i]`. */
  readonly nodes: readonly TreeNode[];
  /** `pairs[i]` holds `nodes[i]` when that node is a map value; undefined for the root and list items. */
  readonly pairs: readonly (Pair | undefined)[];
}

/** What the schema says about one node of a path. */
interface SchemaStep {
  /** The node's schema with `$ref`s followed. */
  readonly schema: JsonSchema;
  /** The entry's name from the referenced schema ("Measure"), for entries and the root. */
  readonly label?: string;
  /** The `definitions` entry the node's schema refers to, such as `fiscalYear`: it decides the wording. */
  readonly definition?: string;
}

class ErrorMapper {
  constructor(
    private readonly uri: string,
    private readonly root: TreeNode,
    private readonly rootSchema: JsonSchema,
  ) {}

  toFinding(problem: Problem): Finding {
    switch (problem.type) {
      case 'missing':
        return this.missing(this.locate(problem.instancePath), problem.keys);
      case 'missing-one-of':
        return this.missingOneOf(this.locate(problem.instancePath), problem.keys);
      case 'wrong-type-any': {
        const location = this.locate(problem.error.instancePath);
        return this.wrongType(location, problem.types, last(this.schemaSteps(location.segments))?.definition);
      }
      case 'error':
        return this.fromAjv(problem.error);
    }
  }

  private fromAjv(error: ErrorObject): Finding {
    const location = this.locate(error.instancePath);
    // ajv's schemaPath is relative to whichever referenced schema it compiled separately, so the
    // definition is read from the schema along the data path instead.
    const definition = last(this.schemaSteps(location.segments))?.definition;
    switch (error.keyword) {
      case 'type':
        return this.wrongType(location, typeList(error.params.type), definition);
      case 'additionalProperties':
        return this.unknownKey(location, String(error.params.additionalProperty));
      case 'enum':
        return this.notInEnum(location, (error.params.allowedValues as unknown[]) ?? []);
      case 'const':
        return this.notConst(location, error.params.allowedValue);
      case 'minimum':
      case 'maximum':
        return this.outOfRange(location, definition, error.keyword, Number(error.params.limit));
      case 'pattern':
        return this.badPattern(location, definition);
      case 'format':
        return this.unrealDate(location);
      case 'minLength':
        return this.atValue(location, `${quotePath(location.segments)} is empty: it should be ${expectedPhrase(definition, ['string'], undefined)}`);
      case 'minItems':
        return this.tooFewItems(location, Number(error.params.limit));
      default:
        // Keywords the plan-audit schemas do not use; ajv's wording is the best there is.
        return this.atValue(location, `${quotePath(location.segments)} ${error.message ?? 'is not valid'}`);
    }
  }

  private missing(location: Location, keys: readonly string[]): Finding {
    const steps = this.schemaSteps(location.segments);
    const mapSchema = steps[steps.length - 1]?.schema;
    const meaning = (key: string) => {
      const property = mapSchema?.properties?.[key];
      return property?.title ? lowerFirst(property.title) : undefined;
    };
    const owner = this.describeOwner(location, steps);
    const message =
      keys.length === 1
        ? `${owner} is missing \`${keys[0]}\` (required)${meaning(keys[0]) ? `: ${meaning(keys[0])}` : ''}`
        : `${owner} is missing required keys: ${keys.map((key) => `\`${key}\`${meaning(key) ? ` (${meaning(key)})` : ''}`).join(', ')}`;
    return this.finding(this.mapAnchor(location), message);
  }

  private missingOneOf(location: Location, keys: readonly string[]): Finding {
    const steps = this.schemaSteps(location.segments);
    const mapSchema = steps[steps.length - 1]?.schema;
    const options = keys.map((key) => {
      const title = mapSchema?.properties?.[key]?.title;
      return `\`${key}\`${title ? ` (${lowerFirst(title)})` : ''}`;
    });
    return this.finding(this.mapAnchor(location), `${this.describeOwner(location, steps)} needs ${orList(options)}`);
  }

  private wrongType(location: Location, types: readonly string[], definition: string | undefined): Finding {
    const node = last(location.nodes);
    const steps = this.schemaSteps(location.segments);
    const expected = expectedPhrase(definition, types, last(steps)?.label);
    const subject = location.segments.length === 0 ? 'This file' : quotePath(location.segments);
    if (isEmptyValue(node)) {
      return this.atValue(location, `${subject} is empty: it should be ${expected}`);
    }
    return this.atValue(location, `${subject} should be ${expected}, not ${describeFound(node)}${typeHint(node, types)}`);
  }

  private unknownKey(location: Location, key: string): Finding {
    const map = last(location.nodes);
    const pair = map.kind === 'map' ? getPair(map, key) : undefined;
    const span = pair ? spanOf(pair.key) : this.mapAnchor(location);
    const steps = this.schemaSteps(location.segments);
    const allowed = Object.keys(last(steps)?.schema.properties ?? {});
    const present = new Set(map.kind === 'map' ? map.pairs.map((entry) => String(entry.key.value)) : []);
    const suggestion = closestMatch(key, allowed.filter((candidate) => !present.has(candidate)));
    if (suggestion && pair) {
      const fix: Fix = {
        title: `Rename to \`${suggestion}\``,
        isPreferred: true,
        edits: [{ offset: pair.key.start, deleteCount: pair.key.end - pair.key.start, insertText: suggestion }],
      };
      return this.finding(span, `Unknown key ${quoteKey(key)} — did you mean \`${suggestion}\`?`, [fix]);
    }
    const where = this.describePlace(location, steps);
    return this.finding(span, `Unknown key ${quoteKey(key)} in ${where}. Allowed keys: ${allowed.map((name) => `\`${name}\``).join(', ')}`);
  }

  private notInEnum(location: Location, allowed: readonly unknown[]): Finding {
    const node = last(location.nodes);
    const found = node.kind === 'scalar' ? node.value : undefined;
    const suggestion = typeof found === 'string' ? closestMatch(found, allowed.filter((value): value is string => typeof value === 'string')) : undefined;
    const options = orList(allowed.map((value) => `\`${String(value)}\``));
    if (isEmptyValue(node)) {
      return this.atValue(location, `${quotePath(location.segments)} is empty: it should be ${options}`);
    }
    const hint = suggestion ? ` — did you mean \`${suggestion}\`?` : '';
    return this.atValue(location, `${quotePath(location.segments)} should be ${options} (found ${foundValue(node)})${hint}`);
  }

  private notConst(location: Location, allowed: unknown): Finding {
    const node = last(location.nodes);
    const path = quotePath(location.segments);
    if (location.segments.length === 1 && location.segments[0] === 'version') {
      return this.atValue(location, `${path} should be 1, the only version of the plan-audit format (found ${foundValue(node)})`);
    }
    if (location.segments.length === 1 && location.segments[0] === 'kind') {
      return this.wrongKind(location, String(allowed));
    }
    return this.atValue(location, `${path} should be \`${String(allowed)}\` (found ${foundValue(node)})`);
  }

  /**
   * A root `kind` that names no known kind, in a file whose name decided its kind (`kind:` decides when
   * it is known, so this is the only way `kind` can fail its `const`): did you mean, and a fix.
   */
  private wrongKind(location: Location, named: string): Finding {
    const node = last(location.nodes);
    const found = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
    const why = `The file name makes this a ${named} file, so it is checked as one.`;
    if (found === undefined || found.trim() === '') {
      return this.atValue(location, `\`kind\` should be \`${named}\`${isEmptyValue(node) ? '' : ` (found ${foundValue(node)})`}. ${why}`);
    }
    const suggestion = closestMatch(found, planKinds) ?? named;
    const fix: Fix = {
      title: `Change to \`${suggestion}\``,
      isPreferred: suggestion === named ? true : undefined,
      edits: [{ offset: node.start, deleteCount: node.end - node.start, insertText: suggestion }],
    };
    const expected = suggestion === named ? '' : ` (or \`${named}\`, as the file name says)`;
    return this.finding(spanOf(node), `\`kind\` \`${found}\` is not a plan-audit kind — did you mean \`${suggestion}\`${expected}? ${why}`, [fix]);
  }

  private outOfRange(location: Location, definition: string | undefined, keyword: 'minimum' | 'maximum', limit: number): Finding {
    const node = last(location.nodes);
    const path = quotePath(location.segments);
    const found = foundValue(node);
    const schema = last(this.schemaSteps(location.segments))?.schema;
    const low = schema?.minimum;
    const high = schema?.maximum;
    switch (definition) {
      case 'headCount':
      case 'plannedHeadCount':
        return this.atValue(location, `A head count cannot be negative (found ${found} in ${path})`);
      case 'fiscalYear':
        return this.atValue(location, `${path} should be a fiscal year between ${low} and ${high} (found ${found})`);
      case 'month':
        return this.atValue(location, `${path} should be a month number from ${low} (January) to ${high} (December) (found ${found})`);
      case 'quarter':
        return this.atValue(location, `${path} should be a quarter of the fiscal year, ${low} to ${high} (found ${found})`);
      default:
        return this.atValue(location, `${path} should be ${keyword === 'minimum' ? 'at least' : 'at most'} ${limit} (found ${found})`);
    }
  }

  private badPattern(location: Location, definition: string | undefined): Finding {
    const node = last(location.nodes);
    const path = quotePath(location.segments);
    if (definition === 'date' || definition === 'optionalDate') {
      return this.atValue(location, `${path} should be a date written YYYY-MM-DD, such as 2017-02-28 (found ${foundValue(node)})`);
    }
    return this.atValue(location, `${path} is not written in the expected form (found ${foundValue(node)})`);
  }

  private unrealDate(location: Location): Finding {
    const node = last(location.nodes);
    const text = node.kind === 'scalar' ? String(node.value) : '';
    return this.atValue(location, `${quotePath(location.segments)} is not a real calendar date (found ${text}: ${whyNotADate(text)})`);
  }

  private tooFewItems(location: Location, limit: number): Finding {
    const steps = this.schemaSteps(location.segments);
    const itemSchema = last(steps)?.schema.items;
    const itemLabel = itemSchema ? this.deref(itemSchema).title : undefined;
    const what = limit === 1 && itemLabel ? `at least one ${lowerFirst(itemLabel)}` : `at least ${limit} entries`;
    return this.atValue(location, `${quotePath(location.segments)} is an empty list: list ${what}`);
  }

  /** A finding on the node's value, or on its key when the value is empty (`key:` has no text to underline). */
  private atValue(location: Location, message: string): Finding {
    const node = last(location.nodes);
    const pair = last(location.pairs);
    const span = node.end > node.start || !pair ? spanOf(node) : spanOf(pair.key);
    return this.finding(span, message);
  }

  private finding(span: Span, message: string, fixes?: readonly Fix[]): Finding {
    return { ruleId: SchemaRuleIds.schema, severity: 'error', message, uri: this.uri, span, ...(fixes ? { fixes } : {}) };
  }

  /**
   * Where to underline a problem of a whole map: the `kind` key (else the first key) of the root, the
   * first key of a list entry, the key that holds any other map.
   */
  private mapAnchor(location: Location): Span {
    const node = last(location.nodes);
    const firstKey = node.kind === 'map' ? spanOf(node.pairs[0]?.key) : undefined;
    if (location.segments.length === 0) {
      return (node.kind === 'map' ? spanOf(getPair(node, 'kind')?.key) : undefined) ?? firstKey ?? spanOf(node);
    }
    if (typeof last(location.segments) === 'number') {
      return firstKey ?? spanOf(node);
    }
    return spanOf(last(location.pairs)?.key) ?? spanOf(node);
  }

  /**
   * Names the map a message is about, as the subject of a sentence: "The plan", "Measure `m1`",
   * "Target `targets[1]` of measure `m1`", "`baseline` of measure `m1`", "`period`".
   */
  private describeOwner(location: Location, steps: readonly (SchemaStep | undefined)[]): string {
    const depth = location.segments.length;
    if (depth === 0) {
      return `The ${lowerFirst(steps[0]?.label ?? 'file')}`;
    }
    const isItem = typeof location.segments[depth - 1] === 'number';
    const label = isItem ? `${steps[depth]?.label ?? 'Entry'} ` : '';
    const ownId = isItem ? idOf(location.nodes[depth]) : undefined;
    if (ownId !== undefined) {
      return `${label}\`${ownId}\``;
    }
    for (let ancestor = depth - 1; ancestor >= 1; ancestor--) {
      const ancestorId = typeof location.segments[ancestor - 1] === 'number' ? idOf(location.nodes[ancestor]) : undefined;
      if (ancestorId !== undefined) {
        const ancestorLabel = lowerFirst(steps[ancestor]?.label ?? 'entry');
        return `${label}\`${formatPath(location.segments.slice(ancestor))}\` of ${ancestorLabel} \`${ancestorId}\``;
      }
    }
    return `${label}\`${formatPath(location.segments)}\``;
  }

  /** Names a map as a place: "a measure" for the root and list entries, "`period`" for a map under a key. */
  private describePlace(location: Location, steps: readonly (SchemaStep | undefined)[]): string {
    const depth = location.segments.length;
    if (depth > 0 && typeof location.segments[depth - 1] === 'string') {
      return quotePath(location.segments);
    }
    return withArticle(lowerFirst(steps[depth]?.label ?? 'entry'));
  }

  /** Follows an ajv `instancePath` (a JSON pointer) through the tree. Keys repeat `toPlain`'s first-wins rule. */
  private locate(instancePath: string): Location {
    const segments: Segment[] = [];
    const nodes: TreeNode[] = [this.root];
    const pairs: (Pair | undefined)[] = [undefined];
    if (instancePath !== '') {
      for (const raw of instancePath.slice(1).split('/')) {
        const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const node = last(nodes);
        if (node.kind === 'map') {
          const pair = getPair(node, segment);
          if (!pair) {
            break;
          }
          segments.push(segment);
          nodes.push(pair.value);
          pairs.push(pair);
        } else if (node.kind === 'seq') {
          const index = Number(segment);
          if (!Number.isInteger(index) || index < 0 || index >= node.items.length) {
            break;
          }
          segments.push(index);
          nodes.push(node.items[index]);
          pairs.push(undefined);
        } else {
          break;
        }
      }
    }
    return { segments, nodes, pairs };
  }

  /** The schema of every node along `segments` (`[0]` is the root); undefined past where the schema ends. */
  private schemaSteps(segments: readonly Segment[]): (SchemaStep | undefined)[] {
    const steps: (SchemaStep | undefined)[] = [this.step(this.rootSchema)];
    let current: JsonSchema | undefined = this.rootSchema;
    for (const segment of segments) {
      const next: JsonSchema | undefined = current === undefined ? undefined : typeof segment === 'number' ? current.items : current.properties?.[segment];
      const step: SchemaStep | undefined = next ? this.step(next) : undefined;
      steps.push(step);
      current = step?.schema;
    }
    return steps;
  }

  private step(schema: JsonSchema): SchemaStep {
    const resolved = this.deref(schema);
    return { schema: resolved, label: resolved.title, definition: this.definitionName(schema) };
  }

  /** The name of the last `definitions` entry reached by following the schema's references. */
  private definitionName(schema: JsonSchema): string | undefined {
    let name: string | undefined;
    let current: JsonSchema | undefined = schema;
    for (let hops = 0; current?.$ref && hops < 16; hops++) {
      name = definitionOf(current.$ref);
      current = name ? this.rootSchema.definitions?.[name] : undefined;
    }
    return name;
  }

  /** Follows local `#/definitions/…` references; the plan-audit schemas use no other kind. */
  private deref(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 16; hops++) {
      const name = definitionOf(current.$ref);
      const target = name ? this.rootSchema.definitions?.[name] : undefined;
      if (!target) {
        break;
      }
      current = target;
    }
    return current;
  }
}

/** The `definitions` entry a local reference names: `#/definitions/fiscalYear` → `fiscalYear`. */
function definitionOf(ref: string): string | undefined {
  const match = /^#\/definitions\/([^/]+)$/.exec(ref);
  return match ? match[1] : undefined;
}

/** What a value should be, in an auditor's words. */
function expectedPhrase(definition: string | undefined, types: readonly string[], label: string | undefined): string {
  switch (definition) {
    case 'fiscalYear':
      return 'a fiscal year (a whole number such as 2017)';
    case 'date':
    case 'optionalDate':
      return 'a date written YYYY-MM-DD, such as 2017-02-28';
    case 'headCount':
    case 'plannedHeadCount':
      return 'a head count (a whole number, 0 or more)';
    case 'month':
      return 'a month number from 1 (January) to 12 (December)';
    case 'quarter':
      return 'a quarter of the fiscal year, 1 to 4';
    case 'id':
      return 'an identifier (short text such as `import-safety`)';
    case 'text':
    case 'optionalText':
      return 'text';
    case 'scalarValue':
      return 'a single value, normally a number';
    case 'owner':
      return 'text naming the official (name and title)';
  }
  const phrases = unique(
    types
      .filter((type) => type !== 'null' || types.length === 1)
      .map((type) => {
        switch (type) {
          case 'string':
            return 'text';
          case 'integer':
            return 'a whole number';
          case 'number':
            return 'a number';
          case 'boolean':
            return '`true` or `false`';
          case 'array':
            return 'a list (entries starting with `- `)';
          case 'object':
            return label ? `${withArticle(lowerFirst(label))} (\`key: value\` lines)` : 'a map of `key: value` lines';
          case 'null':
            return 'empty';
          default:
            return type;
        }
      }),
  );
  return orList(phrases);
}

/** What was found where something else was expected. */
function describeFound(node: TreeNode): string {
  switch (node.kind) {
    case 'seq':
      return 'a list';
    case 'map':
      return 'a map of `key: value` lines';
    case 'scalar':
      if (typeof node.value === 'string') {
        return `the text ${quoteText(node.value)}`;
      }
      if (typeof node.value === 'number') {
        return `the number ${node.value}`;
      }
      return `\`${String(node.value)}\``;
  }
}

/** A found value inside "(found …)": text quoted, numbers and booleans bare. */
function foundValue(node: TreeNode): string {
  if (node.kind !== 'scalar') {
    return node.kind === 'seq' ? 'a list' : 'a map';
  }
  if (node.value === null) {
    return 'nothing';
  }
  return typeof node.value === 'string' ? quoteText(node.value) : String(node.value);
}

/** A way out of the commonest type mistakes: a quoted number, or a fiscal year written `FY17`. */
function typeHint(node: TreeNode, types: readonly string[]): string {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !(types.includes('integer') || types.includes('number'))) {
    return '';
  }
  const text = node.value.trim();
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) {
    return ' — remove the quotes';
  }
  const fiscal = /^FY\s?-?(\d{2}|\d{4})$/i.exec(text);
  if (fiscal) {
    return ` — write it as ${fiscal[1].length === 2 ? `20${fiscal[1]}` : fiscal[1]}`;
  }
  return '';
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a `YYYY-MM-DD` string is not a calendar date: "February 2017 has 28 days", "there is no month 13". */
function whyNotADate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return 'not written YYYY-MM-DD';
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) {
    return `there is no month ${month}`;
  }
  if (day < 1) {
    return 'there is no day 0';
  }
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${monthNames[month - 1]} ${year} has ${days} days`;
}

function isEmptyValue(node: TreeNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

function idOf(node: TreeNode | undefined): string | undefined {
  if (node?.kind !== 'map') {
    return undefined;
  }
  const value = getPair(node, 'id')?.value;
  return value?.kind === 'scalar' && value.value !== null && value.value !== '' ? String(value.value) : undefined;
}

/** `goals[0].measures[2].unit` */
function formatPath(segments: readonly Segment[]): string {
  let path = '';
  for (const segment of segments) {
    path += typeof segment === 'number' ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

function quotePath(segments: readonly Segment[]): string {
  return segments.length === 0 ? 'The file' : `\`${formatPath(segments)}\``;
}

/** A key in backticks; a very long one (a pasted paragraph, a hostile file) shortened so the message stays readable. */
function quoteKey(key: string): string {
  return key.length > 80 ? `\`${key.slice(0, 60)}…\` (${key.length.toLocaleString('en-US')} characters)` : `\`${key}\``;
}

function quoteText(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `"${shown.replace(/\r?\n/g, ' ')}"`;
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Lower-cases the first letter of a title for use mid-sentence, leaving acronyms (`GAO`, `AD/CVD`) alone. */
function lowerFirst(text: string): string {
  return /^[A-Z][^A-Z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function last<T>(items: readonly T[]): T {
  return items[items.length - 1];
}

// ---------------------------------------------------------------------------------------------------
// Did you mean …?

/**
 * The candidate closest to `word`: the same word in another case, else the nearest within an edit
 * distance of 2 (transpositions count as one edit, so `tragets` is 1 from `targets`), else one that
 * `word` begins or that begins with `word`. Undefined when nothing is close; ties go to the earlier
 * candidate. A distance as large as the shorter word is no match (`xy` is not a misspelling of `id`).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    let score: number;
    if (other === lower) {
      score = 0;
    } else {
      const distance = editDistance(lower, other, 2);
      if (distance <= 2 && distance < Math.min(lower.length, other.length)) {
        score = distance;
      } else if (lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other))) {
        score = 3;
      } else {
        continue;
      }
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits), capped at `limit + 1`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) {
      return limit + 1;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

// ---------------------------------------------------------------------------------------------------
// Checks JSON Schema cannot express

/** Fiscal-year ranges whose `start` is after their `end`: a plan's `period`, a position's optimal years. */
function checkRanges(uri: string, root: TreeNode, kind: PlanKind): Finding[] {
  if (root.kind !== 'map') {
    return [];
  }
  const findings: Finding[] = [];
  const check = (range: MapNode | undefined, path: string) => {
    const start = getPair(range, 'start');
    const end = getPair(range, 'end');
    const startYear = getNumber(range, 'start');
    const endYear = getNumber(range, 'end');
    if (!start || !end || startYear === undefined || endYear === undefined || startYear <= endYear) {
      return;
    }
    findings.push({
      ruleId: SchemaRuleIds.schema,
      severity: 'error',
      message: `\`${path}\` ends in FY${endYear}, before it starts in FY${startYear}: \`end\` should be ${startYear} or later`,
      uri,
      span: spanOf(end.value),
      related: [{ uri, span: spanOf(start.value), message: `\`${path}\` starts in FY${startYear} here` }],
    });
  };
  if (kind === 'plan') {
    check(getMap(root, 'period'), 'period');
  } else if (kind === 'staffing') {
    getSeq(root, 'positions')?.items.forEach((position, index) => {
      if (position.kind === 'map') {
        check(getMap(getMap(position, 'optimal'), 'fiscal_years'), `positions[${index}].optimal.fiscal_years`);
      }
    });
  }
  return findings;
}

/** Drops a finding identical in span and message to an earlier one. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.span[0]}:${finding.span[1]}:${finding.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------
// Duplicate keys and ids

/** Shared units (`isSharedUnit`) found to hold no repeated key anywhere inside; nodes never change. */
const unitsWithoutDuplicateKeys = new WeakSet<MapNode>();

/** Reports repeated keys in every map under `node`; returns true when there were none. */
function collectDuplicateKeys(uri: string, node: TreeNode, findings: Finding[], reuseUnits: boolean): boolean {
  let clean = true;
  if (node.kind === 'map') {
    if (node.pairs.length > 1) {
      for (const [pair, earlier] of duplicatePairs(node.pairs) ?? []) {
        const key = String(pair.key.value);
        clean = false;
        findings.push({
          ruleId: SchemaRuleIds.duplicateKey,
          severity: 'error',
          message: `Duplicate key ${quoteKey(key)}: this map already has ${quoteKey(key)} above, and only the first one is read. Remove this one or merge it into the first.`,
          uri,
          span: spanOf(pair.key),
          related: [{ uri, span: spanOf(earlier.key), message: `${quoteKey(key)} first appears here` }],
        });
      }
    }
    for (const pair of node.pairs) {
      if (pair.value.kind !== 'scalar' && !collectDuplicateKeys(uri, pair.value, findings, reuseUnits)) {
        clean = false;
      }
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind === 'scalar' || (reuseUnits && unitsWithoutDuplicateKeys.has(item as MapNode))) {
        continue;
      }
      if (collectDuplicateKeys(uri, item, findings, reuseUnits)) {
        if (reuseUnits && isSharedUnit(item)) {
          unitsWithoutDuplicateKeys.add(item);
        }
      } else {
        clean = false;
      }
    }
  }
  return clean;
}

/** An entry that carries an id, with what it is for messages ("measure"). */
interface IdEntry {
  readonly id: string;
  readonly node: ScalarNode;
  readonly label: string;
}

/** The entries whose ids must be unique within one file of `kind`, in document order. */
function idEntries(root: MapNode, kind: PlanKind, reuseUnits: boolean): IdEntry[] {
  const entries: IdEntry[] = [];
  switch (kind) {
    case 'plan':
      for (const goal of getSeq(root, 'goals')?.items ?? []) {
        if (reuseUnits && isSharedUnit(goal)) {
          appendAll(entries, goalIdEntries(goal));
        } else {
          addGoalIdEntries(goal, entries);
        }
      }
      break;
    case 'staffing':
      addIdEntries(getSeq(root, 'positions')?.items, 'position', entries);
      break;
    case 'portfolio':
      addIdEntries(getSeq(root, 'areas')?.items, 'area', entries);
      break;
    case 'recommendations':
      addIdEntries(getSeq(root, 'items')?.items, 'recommendation', entries);
      break;
  }
  // A goal may list `measures` before `objectives`; "first" means first in the text.
  return isSortedBySpan(entries) ? entries : entries.sort((a, b) => a.node.start - b.node.start);
}

/** The id entries of a goal, its objectives and its measures; computed once per shared goal node. */
const goalEntries = new WeakMap<MapNode, readonly IdEntry[]>();

function goalIdEntries(goal: MapNode): readonly IdEntry[] {
  let entries = goalEntries.get(goal);
  if (!entries) {
    const collected: IdEntry[] = [];
    addGoalIdEntries(goal, collected);
    entries = collected;
    goalEntries.set(goal, entries);
  }
  return entries;
}

function addGoalIdEntries(goal: TreeNode, entries: IdEntry[]): void {
  if (goal.kind !== 'map') {
    return;
  }
  addIdEntry(goal, 'goal', entries);
  for (const objective of getSeq(goal, 'objectives')?.items ?? []) {
    if (objective.kind === 'map') {
      addIdEntry(objective, 'objective', entries);
      addIdEntries(getSeq(objective, 'measures')?.items, 'measure', entries);
    }
  }
  addIdEntries(getSeq(goal, 'measures')?.items, 'measure', entries);
}

/** Appends the id entry of each map in `items`. */
function addIdEntries(items: readonly TreeNode[] | undefined, label: string, entries: IdEntry[]): void {
  for (const item of items ?? []) {
    if (item.kind === 'map') {
      addIdEntry(item, label, entries);
    }
  }
}

/** Appends the entry's id when it has one (a scalar other than null or empty). */
function addIdEntry(item: MapNode, label: string, entries: IdEntry[]): void {
  const value = getPair(item, 'id')?.value;
  if (value?.kind === 'scalar' && value.value !== null && value.value !== '') {
    entries.push({ id: String(value.value), node: value, label });
  }
}

function isSortedBySpan(entries: readonly IdEntry[]): boolean {
  for (let index = 1; index < entries.length; index++) {
    if (entries[index].node.start < entries[index - 1].node.start) {
      return false;
    }
  }
  return true;
}

const idScopes: Readonly<Record<PlanKind, string>> = {
  plan: 'Goals, objectives and measures need distinct ids within a plan',
  staffing: 'Positions need distinct ids within a staffing file',
  portfolio: 'Areas need distinct ids within a portfolio',
  recommendations: 'Recommendations need distinct ids within a file',
};

function collectDuplicateIds(uri: string, entries: readonly IdEntry[], kind: PlanKind, findings: Finding[]): void {
  const first = new Map<string, IdEntry>();
  for (const entry of entries) {
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry);
      continue;
    }
    findings.push({
      ruleId: SchemaRuleIds.duplicateId,
      severity: 'error',
      message: `Duplicate id \`${entry.id}\`: ${withArticle(earlier.label)} above already has it. ${idScopes[kind]}, so that findings and the summary can tell them apart.`,
      uri,
      span: spanOf(entry.node),
      related: [{ uri, span: spanOf(earlier.node), message: `\`${entry.id}\` first used here, by ${withArticle(earlier.label)}` }],
    });
  }
}
