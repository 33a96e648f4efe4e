/**
 * target-not-numeric: a target that cannot be measured against, because its value is not a number
 * ("increase", "TBD", "25%" as text, or nothing at all), or because its measure has targets but no
 * `unit`, so nobody can tell what the number counts.
 *
 * A missing `unit` key gets a quick fix that inserts `unit: ""` with a comment asking for the unit. An
 * empty `unit` (what the fix leaves behind) is still reported, on the `unit` key and without a fix, so
 * the finding stays until the unit is written and the fix is never offered twice.
 */
import type { Measure, Plan, YearValue } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
import type { Rule, RuleReport } from '../rule';
import { getPair, spanOf } from '../tree';
import type { FixTarget } from '../fixes';
import { insertAfterKey } from '../fixes';
import { hasText, textKeyState } from '../keyState';

/** The comment the fix writes after `unit:`. */
export const unitComment = 'what the values count, e.g. audits, percent, days (GAO-03-143: clarity)';

export const targetNotNumeric: Rule<Plan> = {
  id: 'target-not-numeric',
  title: 'Target that is not a number, or has no unit',
  defaultSeverity: 'warning',
  criterion:
    'GPRA Modernization Act, 31 U.S.C. 1115(b)(2): performance goals "in an objective, quantifiable, and measurable form"; GAO-03-143 attributes of successful performance measures: measurable target (a numerical goal) and clarity.',
  kinds: ['plan'],
  check(document, _context, report) {
    for (const measure of allMeasures(document.model)) {
      for (const target of measure.targets) {
        checkTargetValue(measure, target, report);
      }
      if (measure.targets.length > 0) {
        checkUnit(document, measure, report);
      }
    }
  },
};

function checkTargetValue(measure: Measure, target: YearValue, report: (finding: RuleReport) => void): void {
  const node = target.valueNode;
  if (!node || node.kind !== 'scalar') {
    // No `value` key, or a map or sequence there: the schema reports the shape.
    return;
  }
  const value = node.value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    return;
  }
  const valuePair = getPair(target.node, 'value')!;
  const label = describeEntry(measure.id, measure.name);
  const year = target.fiscalYear !== undefined ? `FY${target.fiscalYear} target` : 'target';
  const unitHint = measure.unit ? ` (in ${measure.unit})` : '';
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    report({
      span: value === null ? spanOf(valuePair.key) : spanOf(node),
      message: `The ${year} of measure ${label} has no value. Write the target level as a number${unitHint}.`,
    });
    return;
  }
  report({ span: spanOf(node), message: `The ${year} of measure ${label} is ${describeValue(value)}, not a number. ${adviceFor(value, unitHint)}` });
}

function describeValue(value: string | number | boolean): string {
  if (typeof value === 'string') {
    return `the text “${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  }
  return `\`${String(value)}\``;
}

/** What to write instead: the number alone, with the unit or the direction where they belong. */
function adviceFor(value: string | number | boolean, unitHint: string): string {
  if (typeof value === 'string') {
    const text = value.trim();
    const percent = /^([-+]?\d[\d,]*(?:\.\d+)?)\s*%$/.exec(text);
    if (percent) {
      return `Write the number (${percent[1].replace(/,/g, '')}) and put \`percent\` in the measure's \`unit\`.`;
    }
    if (/^[-+]?\d[\d,]*(?:\.\d+)?$/.test(text)) {
      return `Write ${text.replace(/,/g, '')} without quotes or thousands separators.`;
    }
    if (/^(increase|decrease|maintain|higher|lower|more|less|improve)\b/i.test(text)) {
      return `Write the target level as a number${unitHint}; the intended direction belongs in \`direction\`.`;
    }
  }
  return `Write the target level as a number${unitHint}, or state why a target is not applicable (\`target_not_applicable\`).`;
}

function checkUnit(target: FixTarget, measure: Measure, report: (finding: RuleReport) => void): void {
  if (hasText(measure.unit)) {
    return;
  }
  const state = textKeyState(measure.node, 'unit');
  const label = describeEntry(measure.id, measure.name);
  if (state === 'absent') {
    const edit = insertAfterKey(target, measure.node, ['name', 'id'], { key: 'unit', value: '""', comment: unitComment });
    report({
      span: spanOf(entryAnchor(measure.node)),
      message: `Measure ${label} has targets but no unit. Say what the numbers count (audits, percent, days…).`,
      fixes: edit ? [{ title: 'Add `unit:` (then write the unit)', isPreferred: true, edits: [edit] }] : undefined,
    });
  } else if (state === 'empty') {
    report({
      span: spanOf(getPair(measure.node, 'unit')!.key),
      message: `Measure ${label} has an empty \`unit\`. Write what its numbers count (audits, percent, days…).`,
    });
  }
}
