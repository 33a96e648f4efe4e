/**
 * Workspace folders that are not on the local disk (`vscode-vfs://…`), over stdio: the server starts,
 * skips them with a log line and serves the `file:` folders. Build first (`npm run compile`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { codesOf, openFile, pullDiagnostics, startServer, type TestServer } from './lspClient';

const fixtures = path.resolve(__dirname, '../fixtures/rules/duplicate-id/plans-across-files');
/** Two plans with the same id: each open one reports `duplicate-id` only if the other was indexed. */
const firstPlan = fs.readFileSync(path.join(fixtures, 'a-adcvd.plan.yaml'), 'utf8');
const copyPlan = fs.readFileSync(path.join(fixtures, 'b-adcvd-copy.plan.yaml'), 'utf8').replace('  # expect: duplicate-id', '');

describe('workspace folders that are not on the local disk', function () {
  let workspace: string;
  let server: TestServer | undefined;

  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-vfs-'));
    fs.writeFileSync(path.join(workspace, 'a-adcvd.plan.yaml'), firstPlan);
    fs.writeFileSync(path.join(workspace, 'b-adcvd-copy.plan.yaml'), copyPlan);
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('initializes with a vscode-vfs folder beside a file folder, logs the skip, and indexes the file folder', async () => {
    const remote = 'vscode-vfs://github/owner/repo';
    // Before the fix, `initialize` failed here: "The URL must be of scheme file".
    server = await startServer(workspace, {}, { workspaceFolders: [remote, pathToFileURL(workspace).toString()] });
    const uri = await openFile(server, path.join(workspace, 'b-adcvd-copy.plan.yaml'));
    // duplicate-id needs a-adcvd.plan.yaml from the index of the file: folder.
    assert.ok(codesOf(await pullDiagnostics(server, uri)).includes('duplicate-id'), 'the file: folder was not indexed');
    assert.ok(
      server.logs.some((line) => line.includes(remote) && line.includes('not on the local disk')),
      `no log line names the skipped folder:\n${server.logs.join('\n')}`,
    );
  });

  it('checks an open document of the remote folder from the text the client sends', async () => {
    assert.ok(server);
    const uri = 'vscode-vfs://github/owner/repo/remote.plan.yaml';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'kind: plan\nversion: 1\n' } });
    assert.ok(codesOf(await pullDiagnostics(server, uri)).includes('schema'));
  });
});
