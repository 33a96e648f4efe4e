/**
 * measure-without-data-source: a measure that does not say where its figures come from. The GPRA
 * Modernization Act asks each performance plan to identify "the sources for the data" and how measured
 * values are verified and validated (31 U.S.C. 1115(b)(8)).
 *
 * A missing `data_source` key gets a quick fix that inserts `data_source: ""` with a comment (an empty
 * string, so the schema accepts the file). A key that is present but empty (what the fix leaves behind)
 * is still reported, without a fix: the finding stays until the source is written, and the fix is never
 * offered twice.
 */
import { insertAfterKey } from '../fixes';
import { hasText, textKeyState } from '../keyState';
import type { Plan } from '../model';
import { allMeasures, describeEntry, entryAnchor } from '../model';
import type { Rule } from '../rule';
import { getPair, spanOf } from '../tree';

/** The comment the fix writes after `data_source:`. */
export const dataSourceComment = 'where the figures come from and how they are verified (31 U.S.C. 1115(b)(8))';

export const measureWithoutDataSource: Rule<Plan> = {
  id: 'measure-without-data-source',
  title: 'Measure without a data source',
  defaultSeverity: 'warning',
  criterion:
    'GPRA Modernization Act, 31 U.S.C. 1115(b)(8)(A)–(B): the plan identifies the sources for the data and the means used to verify and validate measured values; GAO/GGD-10.1.20 (Evaluator’s Guide), core question 3: credible performance information.',
  kinds: ['plan'],
  check(document, _context, report) {
    for (const measure of allMeasures(document.model)) {
      if (hasText(measure.dataSource)) {
        continue; // the usual case, read from the model without another look at the map
      }
      const state = textKeyState(measure.node, 'data_source');
      const label = describeEntry(measure.id, measure.name);
      if (state === 'absent') {
        const edit = insertAfterKey(document, measure.node, ['unit', 'name', 'id'], {
          key: 'data_source',
          value: '""',
          comment: dataSourceComment,
        });
        report({
          span: spanOf(entryAnchor(measure.node)),
          message: `Measure ${label} names no data source. Say where its figures come from and how they are verified.`,
          fixes: edit ? [{ title: 'Add `data_source:` (then describe the source)', isPreferred: true, edits: [edit] }] : undefined,
        });
      } else if (state === 'empty') {
        report({
          span: spanOf(getPair(measure.node, 'data_source')!.key),
          message: `Measure ${label} has an empty \`data_source\`. Write where its figures come from and how they are verified.`,
        });
      }
    }
  },
};
