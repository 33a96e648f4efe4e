/**
 * The workspace index's budget (server/src/indexBudget.ts): which unopened files fit, what is left out,
 * and the one message that says so.
 */
import * as assert from 'assert';
import { explicitSettings } from '../../client/src/explicitSettings';
import { defaultMaxIndexedMegabytes, formatBytes, IndexBudget, indexBudgetBytes, indexBudgetMessage } from '../../server/src/indexBudget';

const MB = 1024 * 1024;

describe('index budget', () => {
  it('admits files while they fit and skips the ones that do not, then admits smaller ones after', () => {
    const budget = new IndexBudget(100);
    assert.strictEqual(budget.admit('a', 40), true);
    assert.strictEqual(budget.admit('b', 70), false); // 110 > 100
    assert.strictEqual(budget.admit('c', 60), true); // exactly 100
    assert.strictEqual(budget.admit('d', 1), false);
    assert.strictEqual(budget.fits('c', 60), true, 'c at its own size still fits');
    assert.strictEqual(budget.fits('c', 61), false);
    assert.strictEqual(budget.fits('e', 1), false);
    assert.deepStrictEqual(budget.status(), { indexedFiles: 2, indexedBytes: 100, skippedFiles: 2, skippedBytes: 71, maxBytes: 100 });
  });

  it('re-admits a changed file at its new size, and drops it from the index when it no longer fits', () => {
    const budget = new IndexBudget(100);
    budget.admit('a', 40);
    budget.admit('b', 50);
    assert.strictEqual(budget.admit('a', 50), true, 'a grew to 50: 100 in all');
    assert.strictEqual(budget.admit('a', 51), false, 'a grew past what is left');
    assert.deepStrictEqual(budget.status(), { indexedFiles: 1, indexedBytes: 50, skippedFiles: 1, skippedBytes: 51, maxBytes: 100 });
    assert.strictEqual(budget.admit('a', 10), true, 'a shrank: it fits again and is no longer skipped');
    assert.deepStrictEqual(budget.status(), { indexedFiles: 2, indexedBytes: 60, skippedFiles: 0, skippedBytes: 0, maxBytes: 100 });
  });

  it('forgets deleted files, indexed or skipped, and frees their bytes', () => {
    const budget = new IndexBudget(100);
    budget.admit('a', 90);
    budget.admit('b', 20);
    budget.forget('a');
    budget.forget('b');
    assert.deepStrictEqual(budget.status(), { indexedFiles: 0, indexedBytes: 0, skippedFiles: 0, skippedBytes: 0, maxBytes: 100 });
    assert.strictEqual(budget.admit('c', 100), true);
  });

  it('with a budget of 0 leaves out every file with content (an empty one fits)', () => {
    const budget = new IndexBudget(0);
    assert.strictEqual(budget.admit('a', 1), false);
    assert.strictEqual(budget.admit('empty', 0), true);
  });

  it('reads the setting in megabytes, with the default for missing or bad values', () => {
    assert.deepStrictEqual(indexBudgetBytes(undefined), { bytes: defaultMaxIndexedMegabytes * MB });
    assert.deepStrictEqual(indexBudgetBytes(null), { bytes: defaultMaxIndexedMegabytes * MB });
    assert.deepStrictEqual(indexBudgetBytes(0.5), { bytes: MB / 2 });
    assert.deepStrictEqual(indexBudgetBytes(0), { bytes: 0 });
    for (const bad of [-1, '64', Number.NaN, Infinity, [1]]) {
      const { bytes, problem } = indexBudgetBytes(bad);
      assert.strictEqual(bytes, defaultMaxIndexedMegabytes * MB, String(bad));
      assert.match(problem ?? '', /planAudit\.maxIndexedMegabytes must be a number of megabytes/);
    }
  });

  it('is among the settings the extension sends the server when the user set it', () => {
    assert.deepStrictEqual(explicitSettings((key) => ({ isSet: key === 'maxIndexedMegabytes', value: 512 })), { maxIndexedMegabytes: 512 });
  });

  it('says nothing when everything fit, and names the files, bytes, budget and setting when not', () => {
    const budget = new IndexBudget(128 * MB);
    budget.admit('a', 100 * MB);
    assert.strictEqual(indexBudgetMessage(budget.status()), undefined);
    budget.admit('b', 30 * MB);
    budget.admit('c', 26.5 * MB);
    assert.strictEqual(
      indexBudgetMessage(budget.status()),
      'Plan Audit did not index 1 of 3 plan files (30 MB): the workspace index is limited to 128 MB of plan text, ' +
        'so cross-file rules and the summary do not see those files unless they are open. Open files are always checked. ' +
        'To index them, raise the setting planAudit.maxIndexedMegabytes.',
    );
  });

  it('formats sizes for people', () => {
    assert.strictEqual(formatBytes(1), '1 byte');
    assert.strictEqual(formatBytes(900), '900 bytes');
    assert.strictEqual(formatBytes(5000), '5 KB');
    assert.strictEqual(formatBytes(56.14 * MB), '56.1 MB');
  });
});
