/**
 * Protocol tests: the bundled server (`dist/server.js`) over stdio, as an editor talks to it.
 * Build first (`npm run compile`); `npm test` does.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol/node';
import { startServer, type TestServer } from './lspClient';

const planText = `kind: plan
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
      # measure names from GAO-17-618, fn 54
      - id: m1
        name: AD/CVD-related audits conducted
        unit: audits
        data_source: Regulatory Audit case management
      - id: m2
        name: Importers removed from a targeting rule
        unit: importers
        data_source: ATS rule review log
`;

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const offsetOf = (line: number, character: number) => {
    const lines = text.split('\n');
    return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start.line, b.range.start.character) - offsetOf(a.range.start.line, a.range.start.character));
  let result = text;
  for (const edit of sorted) {
    const start = offsetOf(edit.range.start.line, edit.range.start.character);
    const end = offsetOf(edit.range.end.line, edit.range.end.character);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}

describe('language server over stdio', function () {
  let workspace: string;
  let server: TestServer;
  let uri: string;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-protocol-'));
    const file = path.join(workspace, 'adcvd.plan.yaml');
    fs.writeFileSync(file, planText);
    uri = pathToFileURL(file).toString();
    server = await startServer(workspace, { reviewDate: '2017-02-28' });
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function pull(): Promise<Diagnostic[]> {
    const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.strictEqual(report.kind, 'full');
    return (report as { items: Diagnostic[] }).items;
  }

  it('reports measure-without-target on each measure name key', async () => {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: planText } });
    const diagnostics = (await pull()).filter((d) => d.code === 'measure-without-target');
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.source]),
      [
        [16, 8, 16, 12, 2, 'plan-audit'],
        [20, 8, 20, 12, 2, 'plan-audit'],
      ],
    );
    assert.strictEqual(diagnostics[0].message, 'Measure `m1` (“AD/CVD-related audits conducted”) has no target. Set a target for FY2017, or state why a target is not applicable.');
    assert.match(diagnostics[0].codeDescription?.href ?? '', /^file:.*docs\/rules\/measure-without-target\.md$/);
  });

  it('offers the preferred quick fix as a minimal insertion that keeps comments', async () => {
    const [diagnostic] = (await pull()).filter((d) => d.code === 'measure-without-target');
    const actions = await server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Add targets for FY2017', true],
        ['Mark the target not applicable (state the reason)', false],
      ],
    );
    const edits = actions[0].edit!.changes![uri];
    assert.deepStrictEqual(edits, [
      {
        range: { start: { line: 18, character: 53 }, end: { line: 18, character: 53 } },
        newText: '\n        targets:\n          - fiscal_year: 2017\n            value:  # FY2017 target (audits)',
      },
    ]);
    const fixed = applyTextEdits(planText, edits);
    assert.ok(fixed.includes('# measure names from GAO-17-618, fn 54'), 'comments are kept');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
    });
    const after = (await pull()).filter((d) => d.code === 'measure-without-target');
    // m1's targets have no value yet, so m1 keeps its finding, worded for what is left (issue 13); m2
    // is two lines further down plus the inserted ones.
    assert.deepStrictEqual(
      after.map((d) => [d.range.start.line, d.message.replace(/:.*/, '')]),
      [
        [diagnostic.range.start.line, 'Measure `m1` (“AD/CVD-related audits conducted”) has targets to fill in'],
        [23, 'Measure `m2` (“Importers removed from a targeting rule”) has no target. Set a target for FY2017, or state why a target is not applicable.'],
      ],
    );
  });

  it('fix-all inserts no placeholder unless planAudit.fixAll.insertPlaceholders is set (issue 13)', async () => {
    const fixAll = () =>
      server.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
    // Only m2's "Add targets" is left, a placeholder: nothing for fix-all by default.
    assert.deepStrictEqual(await fixAll(), []);
    const before = server.settings;
    server.settings = { ...before, fixAll: { insertPlaceholders: true } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const actions = await fixAll();
    assert.deepStrictEqual(
      actions.map((action) => [action.kind, action.title]),
      [['source.fixAll.planAudit', 'Fix all auto-fixable Plan Audit problems (1)']],
    );
    server.settings = before;
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepStrictEqual(await fixAll(), []);
  });

  it('explains a finding and shows the target status on hover', async () => {
    const hover = await server.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 23, character: 9 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Plan Audit: Measure without a target\*\* \(`measure-without-target`, warning\)/);
    assert.match(value, /GAO-17-618 recommendation 1/);
    assert.match(value, /Targets: \*\*none set\*\*/);
    const fixedHover = await server.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: 10 } });
    assert.match((fixedHover.contents as MarkupContent).value, /\| FY2017 \| — \| — \|/);
  });

  it('answers "unchanged" to a pull with the last result id while the diagnostics stay the same', async () => {
    const request = (previousResultId?: string) =>
      server.connection.sendRequest<DocumentDiagnosticReport & { resultId?: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    const full = await request();
    assert.strictEqual(full.kind, 'full');
    assert.ok(full.resultId, 'a full report carries a result id');
    // An edit on a line no finding is on, same length: every diagnostic stays where it was.
    const line = planText.split('\n').findIndex((text) => text.includes('# measure names from GAO-17-618'));
    const character = planText.split('\n')[line].indexOf('fn 54');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: 'fn 55' }],
    });
    assert.deepStrictEqual(await request(full.resultId), { kind: 'unchanged', resultId: full.resultId });
    // Without an id, or with one that is not the last, the whole list comes back, under a new id.
    const refreshed = await request('stale');
    assert.strictEqual(refreshed.kind, 'full');
    assert.deepStrictEqual(refreshed.items, full.items);
    assert.notStrictEqual(refreshed.resultId, full.resultId);
    // An edit that moves a diagnostic (a line inserted above them all) gives a full report.
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# reviewed\n' }],
    });
    const moved = await request(refreshed.resultId);
    assert.strictEqual(moved.kind, 'full');
    assert.deepStrictEqual(
      moved.items.map((d) => d.range.start.line),
      full.items.map((d) => d.range.start.line + 1),
    );
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 5 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
    });
  });

  it('reports a YAML syntax error at its position while typing, without crashing', async () => {
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 6 },
      contentChanges: [{ range: { start: { line: 9, character: 8 }, end: { line: 9, character: 9 } }, text: '[' }],
    });
    const diagnostics = await pull();
    const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length > 0, 'a syntax error is reported');
    assert.strictEqual(syntax[0].severity, 1);
    assert.strictEqual(server.process.exitCode, null, 'the server is still running');
  });

  it('ignores YAML that is not a plan-audit file', async () => {
    const other = pathToFileURL(path.join(workspace, 'docker-compose.yaml')).toString();
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'services:\n  web:\n    image: nginx\n' },
    });
    const report = await server.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: other } });
    assert.deepStrictEqual(report.items, []);
  });

  it('checks a plan-named file whatever its kind, and says when its text is UTF-16 read as UTF-8 (issue 13)', async () => {
    const diagnosticsOf = async (name: string, text: string) => {
      const fileUri = pathToFileURL(path.join(workspace, name)).toString();
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'yaml', version: 1, text } });
      const report = await server.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: fileUri } });
      return report.items;
    };
    const mistyped = await diagnosticsOf('mistyped.plan.yaml', planText.replace('kind: plan', 'kind: plans'));
    const kind = mistyped.find((d) => d.code === 'schema');
    assert.deepStrictEqual(kind?.range.start, { line: 0, character: 6 });
    assert.match(kind?.message ?? '', /did you mean `plan`\?/);
    assert.ok(mistyped.some((d) => d.code === 'measure-without-target'), 'the rules run');
    const empty = await diagnosticsOf('empty.plan.yaml', '');
    assert.deepStrictEqual(
      empty.map((d) => [d.code, d.message.slice(0, 18)]),
      [['schema', 'This file is empty']],
    );
    const wide = await diagnosticsOf('wide.plan.yaml', Buffer.from(planText, 'utf16le').toString('utf8'));
    assert.deepStrictEqual(
      wide.map((d) => [d.code, d.message.slice(0, 44)]),
      [['yaml-syntax', 'This file is saved as UTF-16 (little-endian)']],
    );
  });
});
