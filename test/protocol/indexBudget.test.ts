/**
 * A workspace larger than the index budget (`planAudit.maxIndexedMegabytes`), over stdio: one message,
 * a status for the client, and open files still checked. Build first (`npm run compile`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { codesOf, openFile, pullDiagnostics, startServer, waitFor, type TestServer } from './lspClient';

const fixtures = path.resolve(__dirname, '../fixtures/rules/duplicate-id/plans-across-files');
/** Two plans with the same id: each open one reports `duplicate-id` only if the other was indexed. */
const firstPlan = fs.readFileSync(path.join(fixtures, 'a-adcvd.plan.yaml'), 'utf8');
const copyPlan = fs.readFileSync(path.join(fixtures, 'b-adcvd-copy.plan.yaml'), 'utf8').replace('  # expect: duplicate-id', '');

describe('a workspace larger than the index budget', function () {
  let workspace: string;
  let server: TestServer;
  let bigFile: string;
  const budgetMegabytes = 0.004; // 4,194 bytes: the two small plans fit, the big one does not

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-budget-'));
    fs.writeFileSync(path.join(workspace, 'a-adcvd.plan.yaml'), firstPlan);
    fs.writeFileSync(path.join(workspace, 'b-adcvd-copy.plan.yaml'), copyPlan);
    // Sorted after the two: the budget is spent by the time it is reached.
    bigFile = path.join(workspace, 'z-big.plan.yaml');
    fs.writeFileSync(bigFile, copyPlan + '# padding to make the plan larger than the budget\n'.repeat(200));
    server = await startServer(workspace, { reviewDate: '2017-02-28', maxIndexedMegabytes: budgetMegabytes });
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('tells the user once which files were left out and which setting to raise', async () => {
    const [message] = await waitFor(() => (server.shownMessages.length > 0 ? server.shownMessages : undefined), 'window/showMessage');
    assert.strictEqual(message.type, 2, 'a warning');
    assert.match(message.message, /did not index 1 of 3 plan files \(10 KB\)/);
    assert.match(message.message, /limited to 4 KB of plan text/);
    assert.match(message.message, /planAudit\.maxIndexedMegabytes/);
    const bigSize = fs.statSync(bigFile).size;
    const smallSizes = fs.statSync(path.join(workspace, 'a-adcvd.plan.yaml')).size + fs.statSync(path.join(workspace, 'b-adcvd-copy.plan.yaml')).size;
    assert.deepStrictEqual(server.indexStatuses.at(-1), {
      indexedFiles: 2,
      indexedBytes: smallSizes,
      skippedFiles: 1,
      skippedBytes: bigSize,
      maxBytes: Math.floor(budgetMegabytes * 1024 * 1024),
    });
  });

  it('checks an open file whatever the budget, against the files that fit', async () => {
    const uri = await openFile(server, bigFile);
    // z-big was not indexed, but open it is analysed in full; a-adcvd (indexed) makes its id a duplicate.
    assert.deepStrictEqual(codesOf(await pullDiagnostics(server, uri)), ['duplicate-id']);
  });

  it('does not repeat the message when the index changes but still leaves files out', async () => {
    const small = path.join(workspace, 'b-adcvd-copy.plan.yaml');
    fs.appendFileSync(small, '# edited on disk\n');
    const before = server.indexStatuses.length;
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(small).toString(), type: 2 }] });
    await waitFor(() => server.indexStatuses.length > before, 'a new planAudit/indexStatus');
    assert.strictEqual(server.indexStatuses.at(-1)?.skippedFiles, 1);
    assert.strictEqual(server.shownMessages.length, 1);
  });

  it('indexes what was left out when the budget is raised', async () => {
    const before = server.indexStatuses.length;
    server.settings = { reviewDate: '2017-02-28', maxIndexedMegabytes: 1 };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(() => server.indexStatuses.length > before, 'a new planAudit/indexStatus');
    assert.deepStrictEqual(
      { indexed: server.indexStatuses.at(-1)?.indexedFiles, skipped: server.indexStatuses.at(-1)?.skippedFiles },
      { indexed: 3, skipped: 0 },
    );
    assert.strictEqual(server.shownMessages.length, 1, 'nothing left out: no new message');
  });
});
