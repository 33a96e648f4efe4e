import * as assert from 'assert';
import type { BenchResult, SizeResult, StyleResult } from '../../bench/benchResult';
import { goalRows } from '../../bench/goals';
import { hiddenCount } from '../../bench/lspTiming';
import { peerOverOurs, styleComparison } from '../../bench/peerRatio';
import { countChecks, expectedDiagnostics } from '../../bench/report';
import { maxDiagnosticsPerDocument } from '../../server/src/lsp/toDiagnostic';

const timed = (values: readonly number[], count = 3, hidden?: number) => values.map((ms) => (hidden === undefined ? { ms, count } : { ms, count, hidden }));
const crash = 'yaml-language-server exited (code null, signal SIGABRT)';

function style(name: StyleResult['style'], peer: StyleResult['peer'], oursCount = 25): StyleResult {
  return { style: name, bytes: 1000, ours: { open: timed([10, 10, 10], oursCount), edit: timed([2, 2, 2], oursCount), peakRss: [1, 1, 1] }, peer, jsYaml: [5], analysis: [6], analysisCount: oursCount };
}

function result(styles: StyleResult[], extra: Partial<SizeResult> = {}): BenchResult {
  const size: SizeResult = {
    measures: 100,
    styles,
    typing: { text: 'ab', ours: { samples: timed([1, 1]) }, peer: { samples: timed([250, 250]) } },
    deletion: { measuresRemoved: 3, ours: { deletion: timed([1]), restore: timed([1]) }, peer: { deletion: timed([250]), restore: timed([250]) }, expectedPeer: 3 },
    expectedPeer: 3,
    ...extra,
  };
  return { format: 'plan-audit-bench/1', date: '2026-12-05T00:00:00Z', seconds: 1, quick: false, runs: 3, keys: 2, limitMs: 30_000, peerDebounceMs: 200, machine: {}, sizes: [size] };
}

describe('bench report', () => {
  it('counts a crashed peer edit as a lower bound over the same runs, and the open before it as measured', () => {
    // The peer opened twice, edited once, and crashed in the second edit, 1,000 ms after it was sent.
    const crashed = style('flow', { open: timed([1200, 1400]), edit: timed([1200]), peakRss: [1], failure: crash, failedAfterMs: 1000 });
    const edit = peerOverOurs(styleComparison(crashed, 'edit'), 200, 30_000);
    // Work: [1000, 800] → median 900 over ours' first two runs (2 ms).
    assert.deepStrictEqual(edit, { value: 450, atLeast: true, runs: 2, failure: 'crashed' });
    const waited = peerOverOurs(styleComparison(crashed, 'edit'), 0, 30_000);
    assert.deepStrictEqual(waited, { value: 550, atLeast: true, runs: 2, failure: 'crashed' });
    const open = peerOverOurs(styleComparison(crashed, 'open'), 200, 30_000);
    assert.deepStrictEqual(open, { value: 110, atLeast: false, runs: 2, failure: 'crashed' });
  });

  it('judges a goal from the measured styles and the lower bounds, naming each style where the peer failed', () => {
    const plain = style('plain', { open: timed([300, 300, 300]), edit: timed([300, 300, 300]), peakRss: [1] });
    const flow = style('flow', { open: timed([300, 300]), edit: timed([300]), peakRss: [1], failure: crash });
    const rows = goalRows(result([plain, flow]));
    const open = rows.find((row) => row.goal.startsWith('open'))!;
    assert.strictEqual(open.met, 'yes');
    assert.match(open.measured, /flow 10× \(2 runs, then the peer crashed\)/);
    const edit = rows.find((row) => row.goal.startsWith('one-number edit'))!;
    // The crash's time was not recorded: [100, 0] → median 50 / 2 ms = 25×, a lower bound above the target.
    assert.strictEqual(edit.met, 'yes');
    assert.match(edit.measured, /flow ≥ 25× \(peer crashed\)/);
    // As the user waits, the debounce stays in: 300 / 10.
    assert.deepStrictEqual(open.waited && [open.waited.measured.slice(0, 17), open.waited.met], ['lowest 30× (plain', 'yes']);
    const deletion = rows.find((row) => row.goal.startsWith('deleting'))!;
    assert.deepStrictEqual([deletion.measured, deletion.met, deletion.waited?.measured, deletion.waited?.met], ['50×', 'yes', '250×', 'yes']);
  });

  it('expects the capped count from Plan Audit when the findings pass the limit', () => {
    const cap = maxDiagnosticsPerDocument;
    assert.strictEqual(expectedDiagnostics(cap + 1019), cap + 1);
    assert.strictEqual(expectedDiagnostics(25), 25);
    const capped = style('plain', undefined, cap + 1);
    capped.analysisCount = cap + 1019;
    assert.deepStrictEqual(countChecks(result([capped], { typing: { text: '', ours: { samples: [] } } })), []);
    // The server must not send every finding either.
    capped.ours.open.push({ ms: 1, count: cap + 1019 });
    assert.match(countChecks(result([capped], { typing: { text: '', ours: { samples: [] } } }))[0], /reported 2019 where 1001 \(2019 findings: the first 1,000, and one naming the 1,019 more\)/);
  });

  it('checks the number the "more" diagnostic names when the run recorded it', () => {
    const cap = maxDiagnosticsPerDocument;
    const right = { ...style('plain', undefined), ours: { open: timed([1], cap + 1, 1019), edit: timed([1], cap + 1, 1019), peakRss: [1] }, analysisCount: cap + 1019 };
    const wrong = { ...right, ours: { ...right.ours, edit: timed([1], cap + 1, 7) } };
    const recorded = (styles: StyleResult[]) => ({ ...result(styles, { typing: { text: '', ours: { samples: [] } } }), recordsHidden: true });
    assert.deepStrictEqual(countChecks(recorded([right])), []);
    assert.match(countChecks(recorded([wrong]))[0], /naming 7 more/);
    assert.strictEqual(hiddenCount([{ code: 'schema', message: 'x' }, { code: 'resource-limit', message: '1,019 more findings not shown (1,019 errors) …' }]), 1019);
  });
});
