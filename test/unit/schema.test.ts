/**
 * Schema validation, duplicate keys and ids: every error class ends in one finding, on the exact node,
 * worded for an auditor. Spans are asserted as the text they underline.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { isIsoDate } from '../../server/src/core/dates';
import type { Finding } from '../../server/src/core/findings';
import { parseWithYaml } from '../../server/src/core/parse';
import type { TreeNode } from '../../server/src/core/tree';
import { toPlain } from '../../server/src/core/tree';
import type { PlanKind } from '../../server/src/core/model';
import { detectKind } from '../../server/src/core/model';
import { closestMatch } from '../../server/src/core/closestMatch';
import { checkDuplicates } from '../../server/src/core/duplicateChecks';
import { validateSchema } from '../../server/src/core/validateSchema';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const uri = 'file:///work/test.yaml';
const repoRoot = path.resolve(__dirname, '../..');

function rootOf(text: string): TreeNode {
  const parsed = parseWithYaml(uri, text);
  assert.deepStrictEqual(parsed.findings, [], 'the test input is valid YAML');
  assert.ok(parsed.root);
  return parsed.root;
}

/** Schema findings of a document of the kind it declares (or `kind` when it declares none). */
function schemaFindings(text: string, kind?: PlanKind): Finding[] {
  const root = rootOf(text);
  return validateSchema(uri, root, kind ?? detectKind(root)!, cache);
}

function duplicateFindings(text: string): Finding[] {
  const root = rootOf(text);
  return checkDuplicates(uri, root, detectKind(root)!);
}

const under = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

/** What the user sees: rule, underlined text and message. */
function seen(text: string, findings: readonly Finding[]) {
  return findings.map((finding) => ({ ruleId: finding.ruleId, under: under(text, finding.span), message: finding.message }));
}

function applyFix(text: string, finding: Finding): string {
  const edits = [...(finding.fixes?.[0]?.edits ?? [])].sort((a, b) => b.offset - a.offset);
  return edits.reduce((result, edit) => result.slice(0, edit.offset) + edit.insertText + result.slice(edit.offset + edit.deleteCount), text);
}

const plan = `kind: plan
version: 1
id: adcvd-fy2017-annual
title: AD/CVD annual plan, fiscal year 2017
agency: U.S. Customs and Border Protection
issue_area: adcvd
type: annual
status: final
period:
  start: 2017
  end: 2017
goals:
  - id: enforce-adcvd
    title: Enforce AD/CVD requirements
    measures:
      - id: adcvd-audits
        name: Number of AD/CVD-related audits
        unit: audits
        targets:
          - fiscal_year: 2017
            value: 40
`;

const staffing = `kind: staffing
version: 1
id: cbp-trade-positions
agency: U.S. Customs and Border Protection
as_of: 2016-09-30
positions:
  - id: import-specialist
    title: Import specialist
    mandated_minimum: 984
    optimal: {min: 984, max: 1748, fiscal_years: {start: 2015, end: 2022}}
    actuals:
      - {fiscal_year: 2015, value: 936}
      - {fiscal_year: 2016, value: 917}
`;

const recommendations = `kind: recommendations
version: 1
id: open-recommendations
items:
  - id: gao-13-268-1
    source: gao
    report: GAO-13-268
    issued: 2013-03-01
    topic: Revenue
    text: Take steps to improve the collection of duties.
    agency_response: concur
    status: open
    status_as_of: 2016-10-31
`;

const portfolio = `kind: portfolio
version: 1
id: cbp-trade
title: CBP Priority Trade Issues
agency: U.S. Customs and Border Protection
review_date: 2017-02-28
areas:
  - {id: adcvd, title: Antidumping and Countervailing Duties}
  - {id: ipr, title: Intellectual Property Rights}
`;

function replaceOnce(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

describe('detectKind', () => {
  it('reads a known top-level kind', () => {
    assert.strictEqual(detectKind(rootOf(plan)), 'plan');
    assert.strictEqual(detectKind(rootOf(staffing)), 'staffing');
  });

  it('is undefined for an unknown kind, a missing kind, a list or nothing', () => {
    assert.strictEqual(detectKind(rootOf('kind: budget\n')), undefined);
    assert.strictEqual(detectKind(rootOf('title: x\n')), undefined);
    assert.strictEqual(detectKind(rootOf('- kind: plan\n')), undefined);
    assert.strictEqual(detectKind(undefined), undefined);
  });
});

describe('validateSchema', () => {
  it('accepts complete files of every kind', () => {
    for (const text of [plan, staffing, recommendations, portfolio]) {
      assert.deepStrictEqual(seen(text, schemaFindings(text)), []);
    }
  });

  describe('wrong type', () => {
    it('names the field by its path, says what was expected and what was found, on the value', () => {
      const text = replaceOnce(plan, 'start: 2017', 'start: FY17');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        {
          ruleId: 'schema',
          under: 'FY17',
          message: '`period.start` should be a fiscal year (a whole number such as 2017), not the text "FY17" — write it as 2017',
        },
      ]);
      assert.strictEqual(schemaFindings(text)[0].severity, 'error');
    });

    it('uses [i] indexes in nested paths and suggests removing quotes from a quoted number', () => {
      const text = replaceOnce(plan, '- fiscal_year: 2017', '- fiscal_year: "2017"');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        {
          ruleId: 'schema',
          under: '"2017"',
          message: '`goals[0].measures[0].targets[0].fiscal_year` should be a fiscal year (a whole number such as 2017), not the text "2017" — remove the quotes',
        },
      ]);
    });

    it('reports a list entry that is not a map, naming what the entry should be', () => {
      const text = replaceOnce(plan, '      - id: adcvd-audits', '      - adcvd-surveys\n      - id: adcvd-audits');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'adcvd-surveys', message: '`goals[0].measures[0]` should be a measure (`key: value` lines), not the text "adcvd-surveys"' },
      ]);
    });

    it('reports an empty required value on its key', () => {
      const text = replaceOnce(plan, 'agency: U.S. Customs and Border Protection', 'agency:');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [{ ruleId: 'schema', under: 'agency', message: '`agency` is empty: it should be text' }]);
    });

    it('accepts an empty optional list or map, which the rules report', () => {
      const text = replaceOnce(plan, '        unit: audits\n', '        unit: audits\n        baseline:\n        actuals:\n');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), []);
    });
  });

  describe('missing required key', () => {
    it('in the root map: on the `kind` key, with the meaning of the missing key', () => {
      const text = replaceOnce(plan, 'agency: U.S. Customs and Border Protection\n', '');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'kind', message: 'The plan is missing `agency` (required): the agency that owns the plan' },
      ]);
    });

    it('in a root map without `kind`: on the first key', () => {
      const text = replaceOnce(plan, 'kind: plan\n', '');
      assert.deepStrictEqual(seen(text, schemaFindings(text, 'plan')), [
        { ruleId: 'schema', under: 'version', message: 'The plan is missing `kind` (required): marks this file as a plan' },
      ]);
    });

    it('in a nested map: on the key that holds the map', () => {
      const text = replaceOnce(plan, '  end: 2017\n', '');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [{ ruleId: 'schema', under: 'period', message: '`period` is missing `end` (required): the last fiscal year' }]);
    });

    it('in a list entry with an id: on the entry’s first key, naming the entry by its id', () => {
      const text = replaceOnce(plan, '        name: Number of AD/CVD-related audits\n', '');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'id', message: 'Measure `adcvd-audits` is missing `name` (required): what the measure counts' },
      ]);
      assert.strictEqual(schemaFindings(text)[0].span[0], text.indexOf('id: adcvd-audits'));
    });

    it('in a list entry without an id: named by its path within the nearest entry that has one', () => {
      const text = replaceOnce(plan, '            value: 40\n', '');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'fiscal_year', message: 'Target `targets[0]` of measure `adcvd-audits` is missing `value` (required): the target level' },
      ]);
    });

    it('several keys missing from one map: one finding listing them', () => {
      const text = replaceOnce(plan, '    title: Enforce AD/CVD requirements\n', '').replace('  - id: enforce-adcvd\n    measures:', '  - measures:');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        {
          ruleId: 'schema',
          under: 'measures',
          message: "Goal `goals[0]` is missing required keys: `id` (the goal's identifier), `title` (what the goal aims to achieve)",
        },
      ]);
    });

    it('a staffing actual with neither `fiscal_year` nor `as_of`: one finding naming both', () => {
      const text = replaceOnce(staffing, '- {fiscal_year: 2016, value: 917}', '- {value: 917}');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        {
          ruleId: 'schema',
          under: 'value',
          message:
            'Actual `actuals[1]` of position `import-specialist` needs `fiscal_year` (the fiscal year the head count is for) or `as_of` (the date of the head count)',
        },
      ]);
    });
  });

  describe('unknown key', () => {
    it('suggests a close allowed key and offers the rename as the preferred fix', () => {
      const text = replaceOnce(plan, '        targets:', '        tragets:');
      const findings = schemaFindings(text);
      assert.deepStrictEqual(seen(text, findings), [{ ruleId: 'schema', under: 'tragets', message: 'Unknown key `tragets` — did you mean `targets`?' }]);
      const offset = text.indexOf('tragets');
      assert.deepStrictEqual(findings[0].fixes, [
        { title: 'Rename to `targets`', isPreferred: true, complete: true, edits: [{ offset, deleteCount: 'tragets'.length, insertText: 'targets' }] },
      ]);
      const fixed = applyFix(text, findings[0]);
      assert.strictEqual(fixed, plan);
      assert.deepStrictEqual(schemaFindings(fixed), []);
    });

    it('matches a key written in another case', () => {
      const text = replaceOnce(plan, '        name: Number', '        Name: Number');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'id', message: 'Measure `adcvd-audits` is missing `name` (required): what the measure counts' },
        { ruleId: 'schema', under: 'Name', message: 'Unknown key `Name` — did you mean `name`?' },
      ]);
    });

    it('lists the allowed keys when nothing is close, without a fix', () => {
      const text = replaceOnce(plan, '        unit: audits\n', '        unit: audits\n        frequency: quarterly\n');
      const findings = schemaFindings(text);
      assert.deepStrictEqual(seen(text, findings), [
        {
          ruleId: 'schema',
          under: 'frequency',
          message:
            'Unknown key `frequency` in a measure. Allowed keys: `id`, `name`, `unit`, `direction`, `data_source`, `definition`, `baseline`, `targets`, `target_not_applicable`, `actuals`',
        },
      ]);
      assert.strictEqual(findings[0].fixes, undefined);
    });

    it('never suggests a key the map already has', () => {
      const text = replaceOnce(plan, '        unit: audits\n', '        unit: audits\n        units: audits\n');
      const findings = schemaFindings(text);
      assert.match(findings[0].message, /^Unknown key `units` in a measure\. Allowed keys: /);
      assert.strictEqual(findings[0].fixes, undefined);
    });

    it('names a map under a key by its path', () => {
      const text = replaceOnce(plan, '  end: 2017\n', '  end: 2017\n  middle: 2018\n');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'middle', message: 'Unknown key `middle` in `period`. Allowed keys: `start`, `end`' },
      ]);
    });
  });

  describe('values', () => {
    it('enum: lists the allowed values and suggests the closest', () => {
      const text = replaceOnce(plan, 'type: annual', 'type: anual');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'anual', message: '`type` should be `annual` or `strategic` (found "anual") — did you mean `annual`?' },
      ]);
    });

    it('enum: no suggestion when nothing is close', () => {
      const text = replaceOnce(recommendations, 'status: open', 'status: pending');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'pending', message: '`items[0].status` should be `open`, `closed-implemented` or `closed-not-implemented` (found "pending")' },
      ]);
    });

    it('const: the format version', () => {
      const text = replaceOnce(plan, 'version: 1', 'version: 2');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: '2', message: '`version` should be 1, the only version of the plan-audit format (found 2)' },
      ]);
    });

    it('a negative head count', () => {
      const text = replaceOnce(staffing, 'value: 917', 'value: -3');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: '-3', message: 'A head count cannot be negative (found -3 in `positions[0].actuals[1].value`)' },
      ]);
    });

    it('a fiscal year out of range', () => {
      const text = replaceOnce(plan, 'end: 2017', 'end: 20177');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: '20177', message: '`period.end` should be a fiscal year between 1900 and 2200 (found 20177)' },
      ]);
    });

    it('a date not written YYYY-MM-DD: one finding, not also "not a real date"', () => {
      const text = replaceOnce(recommendations, 'issued: 2013-03-01', 'issued: Feb 2017');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: 'Feb 2017', message: '`items[0].issued` should be a date written YYYY-MM-DD, such as 2017-02-28 (found "Feb 2017")' },
      ]);
    });

    it('a date that does not exist', () => {
      const text = replaceOnce(recommendations, 'issued: 2013-03-01', 'issued: 2017-02-30');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        { ruleId: 'schema', under: '2017-02-30', message: '`items[0].issued` is not a real calendar date (found 2017-02-30: February 2017 has 28 days)' },
      ]);
      const leap = replaceOnce(recommendations, 'issued: 2013-03-01', 'issued: 2016-02-29');
      assert.deepStrictEqual(schemaFindings(leap), []);
    });

    it('a period that ends before it starts: on `end`, related to `start`', () => {
      const text = replaceOnce(plan, 'start: 2017', 'start: 2019');
      const findings = schemaFindings(text);
      assert.deepStrictEqual(seen(text, findings), [
        { ruleId: 'schema', under: '2017', message: '`period` ends in FY2017, before it starts in FY2019: `end` should be 2019 or later' },
      ]);
      assert.strictEqual(findings[0].span[0], text.indexOf('end: 2017') + 'end: '.length);
      assert.strictEqual(under(text, findings[0].related![0].span), '2019');
    });

    it('an optimal range whose years are reversed', () => {
      const text = replaceOnce(staffing, '{start: 2015, end: 2022}', '{start: 2022, end: 2015}');
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [
        {
          ruleId: 'schema',
          under: '2015',
          message: '`positions[0].optimal.fiscal_years` ends in FY2015, before it starts in FY2022: `end` should be 2022 or later',
        },
      ]);
    });

    it('an empty list where at least one entry is needed', () => {
      const text = `${plan.slice(0, plan.indexOf('goals:'))}goals: []\n`;
      assert.deepStrictEqual(seen(text, schemaFindings(text)), [{ ruleId: 'schema', under: '[]', message: '`goals` is an empty list: list at least one goal' }]);
    });

    it('accepts an optional date left empty, as the timeline quick fix leaves it', () => {
      const text = `${recommendations}    estimated_completion:\n`;
      assert.deepStrictEqual(seen(text, schemaFindings(text)), []);
    });

    it('accepts the blank hiring-plan targets that the staffing quick fix inserts', () => {
      const text = `${staffing}    hiring_plan:\n      owner: ""\n      targets:\n        - fiscal_year: 2018\n          value:\n`;
      assert.deepStrictEqual(seen(text, schemaFindings(text)), []);
    });
  });

  it('reports each entry of a large file once, with no finding twice', () => {
    const entries = Array.from({ length: 50 }, (_, index) => `      - {value: ${index}}`).join('\n');
    const text = replaceOnce(staffing, '      - {fiscal_year: 2015, value: 936}\n      - {fiscal_year: 2016, value: 917}', entries);
    const findings = schemaFindings(text);
    assert.strictEqual(findings.length, 50);
    assert.strictEqual(new Set(findings.map((finding) => finding.span[0])).size, 50);
  });
});

describe('checkDuplicates', () => {
  it('a repeated key: on the second, related to the first', () => {
    const text = replaceOnce(plan, '        unit: audits\n', '        unit: audits\n        name: AD/CVD audits\n');
    const findings = duplicateFindings(text);
    assert.deepStrictEqual(seen(text, findings), [
      {
        ruleId: 'duplicate-key',
        under: 'name',
        message: 'Duplicate key `name`: this map already has `name` above, and only the first one is read. Remove this one or merge it into the first.',
      },
    ]);
    assert.strictEqual(findings[0].severity, 'error');
    assert.strictEqual(findings[0].span[0], text.indexOf('name: AD/CVD audits'));
    assert.deepStrictEqual(findings[0].related, [{ uri, span: [text.indexOf('name: Number'), text.indexOf('name: Number') + 4], message: '`name` first appears here' }]);
  });

  it('a repeated id within a plan: goals, objectives and measures share one id space', () => {
    const text = `${plan}  - id: verify-claims\n    title: Verify claims\n    objectives:\n      - id: enforce-adcvd\n        title: Reused id\n`;
    const findings = duplicateFindings(text);
    assert.deepStrictEqual(seen(text, findings), [
      {
        ruleId: 'duplicate-id',
        under: 'enforce-adcvd',
        message:
          'Duplicate id `enforce-adcvd`: a goal above already has it. Goals, objectives and measures need distinct ids within a plan, so that findings and the summary can tell them apart.',
      },
    ]);
    assert.strictEqual(findings[0].span[0], text.lastIndexOf('enforce-adcvd'));
    assert.strictEqual(findings[0].related![0].span[0], text.indexOf('enforce-adcvd'));
  });

  it('"first" is first in the text, even when a goal lists measures before objectives', () => {
    const text = replaceOnce(plan, '            value: 40\n', '            value: 40\n    objectives:\n      - id: adcvd-audits\n        title: Same id\n');
    const findings = duplicateFindings(text);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].span[0], text.lastIndexOf('adcvd-audits'));
    assert.match(findings[0].message, /a measure above already has it/);
  });

  it('positions, areas and recommendations each have their own id space per file', () => {
    const positions = `${staffing}  - id: import-specialist\n    title: Entry specialist\n    actuals: []\n`;
    assert.deepStrictEqual(
      duplicateFindings(positions).map((finding) => [finding.ruleId, under(positions, finding.span)]),
      [['duplicate-id', 'import-specialist']],
    );
    const areas = `${portfolio}  - {id: ipr, title: Again}\n`;
    assert.match(duplicateFindings(areas)[0].message, /^Duplicate id `ipr`: an area above already has it\. Areas need distinct ids within a portfolio/);
    const items = recommendations + recommendations.slice(recommendations.indexOf('  - id:'));
    assert.match(duplicateFindings(items)[0].message, /^Duplicate id `gao-13-268-1`: a recommendation above already has it\./);
  });

  it('finds nothing in files without repeats', () => {
    for (const text of [plan, staffing, recommendations, portfolio]) {
      assert.deepStrictEqual(duplicateFindings(text), []);
    }
  });
});

describe('closestMatch', () => {
  it('finds transpositions, case differences and prefixes; rejects what is not close', () => {
    const keys = ['id', 'name', 'unit', 'targets', 'target_not_applicable', 'data_source'];
    assert.strictEqual(closestMatch('tragets', keys), 'targets');
    assert.strictEqual(closestMatch('NAME', keys), 'name');
    assert.strictEqual(closestMatch('target', keys), 'targets');
    assert.strictEqual(closestMatch('datasource', keys), 'data_source');
    assert.strictEqual(closestMatch('xy', keys), undefined);
    assert.strictEqual(closestMatch('frequency', keys), undefined);
  });
});

describe('samples', () => {
  const samplesRoot = path.join(repoRoot, 'samples');
  const files = fs.existsSync(samplesRoot) ? listYaml(samplesRoot) : [];

  it('every sample produces no schema, duplicate-key or duplicate-id finding', function () {
    if (files.length === 0) {
      this.skip();
    }
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const parsed = parseWithYaml(uri, text);
      const kind = detectKind(parsed.root);
      assert.ok(parsed.root && kind, `${path.relative(repoRoot, file)} declares a kind`);
      const findings = [...validateSchema(uri, parsed.root, kind, cache), ...checkDuplicates(uri, parsed.root, kind)];
      assert.deepStrictEqual(seen(text, findings), [], path.relative(repoRoot, file));
    }
  });

  it('the dispatching schema for other editors accepts every sample and rejects what the kind schemas reject', function () {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('date', { type: 'string', validate: isIsoDate });
    for (const name of ['plan', 'staffing', 'portfolio', 'recommendations']) {
      ajv.addSchema(readSchema(`${name}.schema.json`));
    }
    const validate = ajv.compile(readSchema('plan-audit.schema.json'));
    for (const file of files) {
      const root = parseWithYaml(uri, fs.readFileSync(file, 'utf8')).root!;
      assert.ok(validate(plainOf(root)), `${path.relative(repoRoot, file)}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.ok(!validate(plainOf(rootOf(replaceOnce(plan, '        targets:', '        tragets:')))));
    assert.ok(!validate(plainOf(rootOf(replaceOnce(staffing, 'value: 917', 'value: -3')))));
    assert.ok(!validate(plainOf(rootOf('kind: budget\n'))));
  });
});

describe('schemas', () => {
  const names = ['plan', 'staffing', 'portfolio', 'recommendations'];

  it('give every property a title and a description, and close every object to unknown keys', () => {
    for (const name of names) {
      const schema = readSchema(`${name}.schema.json`);
      assert.strictEqual(schema.$id, `https://plan-audit.dev/schemas/${name}.schema.json`);
      assert.deepStrictEqual(schema.properties?.version.const, 1);
      assert.deepStrictEqual(schema.properties?.kind.const, name);
      visitSchemas(schema, name, (node, where) => {
        if (node.properties) {
          assert.strictEqual(node.additionalProperties, false, `${where} closes its keys`);
          for (const [key, property] of Object.entries(node.properties)) {
            assert.ok(typeof property.title === 'string' && property.title.length > 0, `${where}.${key} has a title`);
            assert.ok(typeof property.description === 'string' && property.description.length > 0, `${where}.${key} has a description`);
          }
        }
      });
    }
  });
});

describe('docs/plan-format.md', () => {
  const reference = fs.readFileSync(path.join(repoRoot, 'docs/plan-format.md'), 'utf8');

  it('gives one complete example per kind, each a valid file', () => {
    const examples = [...reference.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]).filter((block) => /^kind: /m.test(block));
    const kinds = examples.map((text) => {
      const root = rootOf(text);
      const kind = detectKind(root)!;
      assert.deepStrictEqual(seen(text, [...validateSchema(uri, root, kind, cache), ...checkDuplicates(uri, root, kind)]), [], `the ${kind} example`);
      return kind;
    });
    assert.deepStrictEqual(kinds.sort(), ['plan', 'portfolio', 'recommendations', 'staffing']);
  });

  it('documents every field of every kind', () => {
    for (const name of ['plan', 'staffing', 'portfolio', 'recommendations']) {
      visitSchemas(readSchema(`${name}.schema.json`), name, (node, where) => {
        for (const key of Object.keys(node.properties ?? {})) {
          assert.ok(reference.includes(`\`${key}\``), `${where}.${key} is documented`);
        }
      });
    }
  });
});

describe('performance', () => {
  it('validates a 10,000-measure plan in well under a second beyond parsing', () => {
    const lines = [plan.slice(0, plan.indexOf('goals:')), 'goals:'];
    for (let goal = 0; goal < 100; goal++) {
      lines.push(`  - id: g${goal}`, `    title: Goal ${goal}`, '    measures:');
      for (let measure = 0; measure < 100; measure++) {
        lines.push(`      - id: m${goal}-${measure}`, `        name: Measure ${measure}`, '        unit: audits', '        tragets:', '          - {fiscal_year: 2017, value: 1}');
      }
    }
    const root = parseWithYaml(uri, lines.join('\n')).root!;
    validateSchema(uri, root, 'plan', cache); // compiles the validator
    const started = performance.now();
    const findings = [...validateSchema(uri, root, 'plan', cache), ...checkDuplicates(uri, root, 'plan')];
    const elapsed = performance.now() - started;
    assert.strictEqual(findings.length, 10_000, 'one unknown-key finding per measure');
    assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
  });
});

function listYaml(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? listYaml(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The parts of a JSON Schema object these tests read. A type alias, not an interface, so that it is
 * assignable to ajv's `AnySchema` (an object type with an index signature).
 */
type SchemaNode = {
  $id?: string;
  const?: unknown;
  title?: unknown;
  description?: unknown;
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
};

function readSchema(file: string): SchemaNode {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', file), 'utf8')) as SchemaNode;
}

/** The same data view the validator checks, so this tests the schemas and not another conversion. */
function plainOf(root: TreeNode): unknown {
  return toPlain(root);
}

/** Visits every schema object in a schema document (properties, items, definitions, branches). */
function visitSchemas(node: SchemaNode | boolean | undefined, where: string, visit: (node: SchemaNode, where: string) => void): void {
  // `true` and `false` are schemas too, with nothing to visit.
  if (!node || typeof node !== 'object') {
    return;
  }
  visit(node, where);
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    visitSchemas(value, `${where}.${key}`, visit);
  }
  for (const [key, value] of Object.entries(node.definitions ?? {})) {
    visitSchemas(value, `${where}#${key}`, visit);
  }
  if (node.items) {
    visitSchemas(node.items, `${where}[]`, visit);
  }
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
    visitSchemas(branch, where, visit);
  }
}
