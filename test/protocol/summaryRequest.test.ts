/**
 * `planAudit/summary` and `planAudit/didChangeSummary` against the bundled server over stdio: the summary
 * of a workspace on disk (the GAO-17-618 samples), line ranges filled in, and live updates from unsaved
 * edits. Build first (`npm run compile`); `npm test` does.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DidChangeSummaryParams, SummaryResult } from '../../server/src/protocol';
import { DidChangeSummaryNotification, SummaryRequest } from '../../server/src/protocol';
import { startServer, type TestServer } from './lspClient';

const samples = path.resolve(__dirname, '../../samples/gao-17-618');

describe('planAudit/summary over stdio', function () {
  this.timeout(30_000);
  let workspace: string;
  let server: TestServer;
  let staffingUri: string;
  let staffingText: string;
  const notifications: DidChangeSummaryParams[] = [];
  let waiters: (() => void)[] = [];

  /** Resolves at the next `planAudit/didChangeSummary`. */
  const nextChange = () => new Promise<void>((resolve) => waiters.push(resolve));

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-summary-'));
    for (const name of fs.readdirSync(samples)) {
      fs.copyFileSync(path.join(samples, name), path.join(workspace, name));
    }
    staffingUri = pathToFileURL(path.join(workspace, 'trade-positions.staffing.yaml')).toString();
    staffingText = fs.readFileSync(path.join(workspace, 'trade-positions.staffing.yaml'), 'utf8');
    const indexed = nextChange();
    server = await startServer(workspace, {});
    server.connection.onNotification(DidChangeSummaryNotification.method, (params: DidChangeSummaryParams) => {
      notifications.push(params);
      const pending = waiters;
      waiters = [];
      pending.forEach((resolve) => resolve());
    });
    await indexed; // the server announces the summary once the workspace is indexed
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const request = async (uri?: string): Promise<SummaryResult> => {
    const result = await server.connection.sendRequest<SummaryResult | null>(SummaryRequest.method, { uri });
    assert.ok(result, 'a summary');
    return result;
  };

  it('summarises the files on disk: Table 11 and Table 5, with 0-based line ranges', async () => {
    const result = await request(staffingUri);
    assert.strictEqual(result.scopes.length, 1);
    assert.strictEqual(result.focusScope, 0);
    const [scope] = result.scopes;
    assert.strictEqual(scope.reviewDate, '2017-02-28');
    assert.deepStrictEqual(scope.coverage.counts, { current: 1, outdated: 4, missing: 2 });
    const importSpecialist = scope.staffing.tables[0].rows[0];
    assert.deepStrictEqual(importSpecialist.actuals.map((cell) => cell.value), [983, 987, 954, 936, 917]);
    const range = importSpecialist.location.range;
    assert.ok(range);
    assert.match(staffingText.split('\n')[range.start.line], /title: Import specialist$/);
    assert.strictEqual(staffingText.split('\n')[range.start.line].indexOf('title'), range.start.character);
  });

  it('follows unsaved edits: a notification, then the new figures', async () => {
    const before = await request(staffingUri);
    const changed = nextChange();
    const edited = staffingText.replace('      - fiscal_year: 2016\n        value: 917', '      - fiscal_year: 2016\n        value: 999');
    assert.notStrictEqual(edited, staffingText);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: staffingUri, languageId: 'yaml', version: 1, text: edited } });
    await changed;
    const after = await request(staffingUri);
    assert.ok(after.generation > before.generation, 'the generation moves on');
    const cell = after.scopes[0].staffing.tables[0].rows[0].actuals[4];
    assert.deepStrictEqual([cell.fiscalYear, cell.value, cell.belowMinimum, cell.belowOptimal], [2016, 999, false, false]);
    assert.ok(notifications.length >= 2);
  });
});
