/**
 * The bench's plan generator (bench/generatePlan.ts), which the parse-path tests also use: every style
 * is valid YAML holding the same data as the plain style, the plain style keeps the bytes it has always
 * had, and the edits the bench makes (a number, typing in a name, deleting a goal) land where they say.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { parse, parseDocument } from 'yaml';
import type { GeneratedPlan, TextEdit } from '../../bench/generatePlan';
import { applyEdit, generatePlan, planStyles } from '../../bench/generatePlan';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function parsedClean(text: string, label: string): unknown {
  const document = parseDocument(text, { prettyErrors: false });
  assert.deepStrictEqual([...document.errors, ...document.warnings].map((problem) => problem.message), [], label);
  return document.toJS();
}

describe('generatePlan', () => {
  it('writes the plain style byte for byte as before styles existed', () => {
    // Hashes of the single-style generator's output (bench/generatePlan.ts before the style option).
    assert.strictEqual(sha256(generatePlan(100).text), 'fd608c7b4aa9e55be55ce4d1cc8d90011fa6ed7d7c1c6698254be0151a0678bf');
    assert.strictEqual(sha256(generatePlan({ measures: 1000, seed: 1, style: 'plain' }).text), '5ea5d3ac50d643d824f6a70a5c6cddc655a458d28a68f869a25f6e44dd40806e');
    assert.strictEqual(sha256(generatePlan(40, { seed: 7 }).text), 'a6b65ec84cd0c4bbd3c05d809853871d3ff50d7bc2d580468036540940374a5f');
  });

  for (const [measures, seed] of [
    [60, 1],
    [150, 2],
    [400, 5],
  ] as const) {
    describe(`${measures} measures, seed ${seed}`, () => {
      const plain = generatePlan({ measures, seed });
      const plainData = parse(plain.text) as { goals: unknown[] };

      for (const style of planStyles) {
        describe(style, () => {
          const plan: GeneratedPlan = generatePlan({ measures, seed, style });

          it('is valid YAML with the same data as the plain style', () => {
            assert.deepStrictEqual(parsedClean(plan.text, style), plainData);
            assert.strictEqual(plan.schemaErrors, plain.schemaErrors);
            assert.strictEqual(plan.measuresWithoutTargets, plain.measuresWithoutTargets);
          });

          it('writes what the style says', () => {
            const checks: Record<typeof style, RegExp[]> = {
              plain: [/^goals:\n {2}- id: g1$/m],
              'real-world': [/: \|-$/m, /: >-$/m, /^ +# /m, / {2}# /, /: '[^']*'$/m, /: "[^"]*"$/m],
              flow: [/^ +targets: \[\{fiscal_year: \d+, value: \d+\}/m, /^period: \{start: \d+, end: \d+\}$/m],
              crlf: [/^kind: plan\r\n/m],
              directive: [/^%YAML 1\.2\n---\n/, /\n\.\.\.\n$/],
              anchors: [/data_source: &src\d /, /data_source: \*src\d$/m],
            };
            for (const pattern of checks[style]) {
              assert.match(plan.text, pattern);
            }
            assert.strictEqual(plan.text.includes('\r'), style === 'crlf');
          });

          it('edits one number in place', () => {
            assert.match(plan.text.substr(plan.edit.offset, plan.edit.length), /^\d+$/);
            assert.match(plan.edit.newText, /^\d+$/);
            assert.notStrictEqual(plan.edit.newText, plan.text.substr(plan.edit.offset, plan.edit.length));
            const edited = parsedClean(applyEdit(plan), style);
            assert.deepStrictEqual(edited, parse(applyEdit(plain)));
          });

          it('types at the end of a measure name', () => {
            const typed: TextEdit = { offset: plan.typingOffset, length: 0, newText: ' and quarterly check' };
            const data = parsedClean(applyEdit(plan, typed), style);
            assert.deepStrictEqual(data, parse(applyEdit(plain, { ...typed, offset: plain.typingOffset })));
            assert.ok(JSON.stringify(data).includes(' and quarterly check"'), 'the typed text ends a name');
          });

          it('deletes one whole goal', () => {
            assert.ok(plan.goalDeletion.length > 0);
            assert.deepStrictEqual({ ...plan.goalDeletion, offset: 0, length: 0 }, { ...plain.goalDeletion, offset: 0, length: 0 });
            const data = parsedClean(applyEdit(plan, plan.goalDeletion), style) as { goals: unknown[] };
            assert.strictEqual(data.goals.length, plainData.goals.length - 1);
            assert.deepStrictEqual(data, parse(applyEdit(plain, plain.goalDeletion)));
          });
        });
      }
    });
  }
});
