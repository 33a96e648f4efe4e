/**
 * Mapping schema problems onto the tree: each problem becomes a finding at the exact YAML node it
 * concerns, worded from the schema (an object schema's `title` names the entry, a property's `title`
 * says what the field means).
 */
import type { ErrorObject } from 'ajv';
import { closestMatch } from './closestMatch';
import type { Finding, Fix, Span } from './findings';
import { planKinds } from './model';
import type { Problem } from './schemaProblems';
import { SchemaRuleIds } from './schemaRuleIds';
import type { Segment } from './schemaWording';
import {
  definitionOf,
  describeFound,
  expectedPhrase,
  formatPath,
  foundValue,
  idOf,
  isEmptyValue,
  last,
  lowerFirst,
  orList,
  quoteKey,
  quotePath,
  typeHint,
  typeList,
  whyNotADate,
  withArticle,
} from './schemaWording';
import type { Pair, TreeNode } from './tree';
import { getPair, spanOf } from './tree';

/** The subset of JSON Schema this module reads to word its messages. */
export interface JsonSchema {
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

export class ErrorMapper {
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
        complete: true,
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
      complete: true,
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
