/**
 * The bundled server over stdio on input that once broke it (issue 13): a document with 200,000
 * schema errors (capped diagnostics, no crash), and an edit that types `\r` before an existing `\n`
 * (later diagnostics must not move a line); junk in `.plan-audit.yaml` (shown as diagnostics in that
 * file); a UNC-style `file://host/share/…` URI; `planAudit/summary` with null params.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { maxDiagnosticsPerDocument } from '../../server/src/lsp/toDiagnostic';
import { startServer, type TestServer } from './lspClient';

const planHead = `kind: plan
version: 1
id: adcvd-fy2017-annual
title: AD/CVD annual plan, FY2017
agency: U.S. Customs and Border Protection
owner: AD/CVD Division director
issue_area: adcvd
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: Enforce AD/CVD requirements
    measures:
`;

/** A `.plan-audit.yaml` with a list for a date, a bad severity, an unknown key and a tag. */
const junkConfig = 'review_date: [1, 2]\nrules:\n  plan-without-owner: loud\nreview_dat: !!str 2017-02-28\n';

/** A plan whose measures are 200,000 numbers: one schema error each ("should be a map"). */
function planWithSchemaErrors(count: number): string {
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    lines.push('      - 1');
  }
  return planHead + lines.join('\n') + '\n';
}

describe('language server on hostile input', function () {
  this.timeout(120_000);
  let workspace: string;
  let server: TestServer;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-robust-'));
    fs.writeFileSync(path.join(workspace, '.plan-audit.yaml'), junkConfig);
    server = await startServer(workspace, { reviewDate: '2017-02-28' });
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<string> {
    const uri = pathToFileURL(path.join(workspace, name)).toString();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  async function pull(uri: string): Promise<Diagnostic[]> {
    const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.strictEqual(report.kind, 'full');
    return (report as { items: Diagnostic[] }).items;
  }

  it(`caps a document's diagnostics at the first ${maxDiagnosticsPerDocument} plus one "N more" diagnostic`, async () => {
    const uri = await open('errors.plan.yaml', planWithSchemaErrors(200_000));
    const diagnostics = await pull(uri);
    assert.strictEqual(diagnostics.length, maxDiagnosticsPerDocument + 1);
    const schema = diagnostics.filter((diagnostic) => diagnostic.code === 'schema');
    assert.ok(schema.length >= maxDiagnosticsPerDocument - 5, `${schema.length} schema diagnostics`);
    const more = diagnostics[diagnostics.length - 1];
    assert.strictEqual(more.code, 'resource-limit');
    assert.match(more.message, /^199,\d{3} more findings not shown \(199,\d{3} errors(, [\d,]+ (warning|note)s?)*\), from here on: the editor shows the first 1,000 of 20\d,\d{3} findings in a file\. Run `plan-audit check`/);
    assert.strictEqual(more.severity, 1, 'as serious as the most serious finding left out (an error)');
    // It stands where the first finding left out starts, after every one shown.
    const last = diagnostics[diagnostics.length - 2];
    assert.ok(more.range.start.line >= last.range.start.line);
    assert.strictEqual(server.process.exitCode, null, 'the server is still running');
  });

  it('keeps later diagnostics on their lines when an edit types \\r before an existing \\n', async () => {
    const text = `${planHead}      - id: m1\n        name: Audits conducted\n        unit: audits\n        data_source: Case system\n`;
    const uri = await open('crlf.plan.yaml', text);
    const before = (await pull(uri)).filter((diagnostic) => diagnostic.code === 'measure-without-target');
    assert.strictEqual(before.length, 1);
    assert.strictEqual(before[0].range.start.line, 15);
    // `\r` at the end of line 1 (`version: 1`): the line break there becomes `\r\n`, still one break.
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, text: '\r' }],
    });
    const after = await pull(uri);
    const moved = after.filter((diagnostic) => diagnostic.code === 'measure-without-target');
    assert.deepStrictEqual(moved.map((diagnostic) => diagnostic.range), before.map((diagnostic) => diagnostic.range));
    // A second edit by position lands where the user sees it: the measure's name is still on line 15.
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 15, character: 14 }, end: { line: 15, character: 30 } }, text: 'Claims verified' }],
    });
    const renamed = (await pull(uri)).filter((diagnostic) => diagnostic.code === 'measure-without-target');
    assert.strictEqual(renamed.length, 1);
    assert.strictEqual(renamed[0].range.start.line, 15);
    assert.match(renamed[0].message, /Measure `m1` \(“Claims verified”\) has no target/);
  });

  it('shows the problems in .plan-audit.yaml as diagnostics in that file, and clears them once it is fixed', async () => {
    const configFile = path.join(workspace, '.plan-audit.yaml');
    const configUri = pathToFileURL(configFile).toString();
    const diagnostics = await server.waitForPublished(configUri, (items) => items.length > 0);
    assert.deepStrictEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.severity, diagnostic.code]),
      [
        [0, 13, 1, 'schema'],
        [2, 22, 1, 'schema'],
        [3, 0, 2, 'schema'],
        [3, 12, 2, 'schema'],
      ],
    );
    assert.match(diagnostics[0].message, /^`review_date` should be a real date written YYYY-MM-DD/);
    assert.match(diagnostics[1].message, /^`rules\.plan-without-owner` should be one of `error`, `warning`, `information`, `hint`, `off` \(found "loud"\)/);
    assert.match(diagnostics[2].message, /^Unknown setting `review_dat` in `\.plan-audit\.yaml` \(did you mean `review_date`\?\)/);
    assert.match(diagnostics[3].message, /^A YAML tag \(`!!str`\) has no meaning/);
    assert.ok(!server.stderr.includes('YAMLWarning'), server.stderr);
    fs.writeFileSync(configFile, 'review_date: 2017-02-28\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepStrictEqual(await server.waitForPublished(configUri, (items) => items.length === 0), []);
  });

  it('handles a UNC-style file://host/share URI without an uncaught exception, logging what it skips', async () => {
    const uri = 'file://fileserver/share/unc.plan.yaml';
    const text = `${planHead}      - id: m1\n        name: Audits conducted\n        unit: audits\n        data_source: Case system\n`;
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const diagnostics = (await pull(uri)).filter((diagnostic) => diagnostic.code === 'measure-without-target');
    assert.strictEqual(diagnostics.length, 1, 'the open document is checked from its text');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    // A request after the notifications: answered once they are handled.
    await server.connection.sendRequest('planAudit/summary', {});
    assert.ok(server.logs.some((line) => line.includes(`skipped ${uri}`)), server.logs.join('\n'));
    assert.deepStrictEqual(server.logs.filter((line) => /uncaught|failed|TypeError/.test(line)), []);
    assert.strictEqual(server.process.exitCode, null, 'the server is still running');
  });

  it('answers planAudit/summary sent with null or malformed params with a summary, and no params with an error response', async () => {
    // No params at all: the protocol library answers with an error response before the handler runs.
    await assert.rejects(server.connection.sendRequest('planAudit/summary'), /defines 1 params but received none/);
    for (const params of [null, 42, 'x']) {
      const result = await server.connection.sendRequest<{ scopes: unknown[]; focusScope: number } | null>('planAudit/summary', params);
      assert.ok(result !== null, `params ${String(params)}: a summary`);
      assert.ok(Array.isArray(result.scopes) && result.scopes.length > 0, `params ${String(params)}: scopes`);
      assert.strictEqual(result.focusScope, 0);
    }
    assert.deepStrictEqual(server.logs.filter((line) => /summary failed|TypeError/.test(line)), []);
  });
});
