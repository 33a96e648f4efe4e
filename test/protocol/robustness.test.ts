/**
 * The bundled server over stdio on input that once broke it (issue 13): a document with 200,000
 * schema errors (capped diagnostics, no crash), and an edit that types `\r` before an existing `\n`
 * (later diagnostics must not move a line).
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
});
