/**
 * Issue 13, defect 5: fix-all (`source.fixAll.planAudit`, often run on every save) inserts no
 * placeholders unless `planAudit.fixAll.insertPlaceholders` asks for them; single quick fixes still
 * offer them. And `Fix.complete` is honest on every fix of every rule fixture: a complete fix adds no
 * empty value, every other fix adds at least one (the placeholder it is left out of fix-all for).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../server/src/core/analyze';
import { applyFix } from '../../server/src/core/fixes';
import { fixAllKind, toCodeActions } from '../../server/src/lsp/toCodeActions';
import { toDiagnostic } from '../../server/src/lsp/toDiagnostic';
import { resolveSettings } from '../../server/src/settings';
import { checkWorkspace, fixturesRoot } from './rules/ruleFixtures';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const text = `kind: plan
version: 1
id: ipr-fy2017
title: IPR annual plan
agency: U.S. Customs and Border Protection
owner: IPR PTI lead
issue_area: ipr
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: Protect rights holders
    measures:
      - id: m1
        name: Seizures
        unit: seizures
        data_source: SEACATS
        baseline: {fiscal_year: 2016, value: 31560}
        tragets:
          - {fiscal_year: 2017, value: 32000}
      - id: m2
        name: Shipments examined
        unit: shipments
        data_source: ATS
`;

function actionsFor(options?: { insertPlaceholders?: boolean }, only?: string[]) {
  const uri = 'file:///ws/ipr.plan.yaml';
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  const analyzed = analyzeText(uri, text, { cache });
  const findings = auditDocument(analyzed, createAuditContext([analyzed], settings), settings);
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const diagnostics = findings.map((finding) => toDiagnostic(finding, document, () => undefined, () => undefined));
  return { document, actions: toCodeActions(document, findings, diagnostics, only, options) };
}

describe('fix-all and placeholders (issue 13, defect 5)', () => {
  it('fix-all applies complete fixes (the rename) and no placeholder by default', () => {
    const { document, actions } = actionsFor(undefined, [fixAllKind]);
    assert.strictEqual(actions.length, 1);
    const [fixAll] = actions;
    assert.strictEqual(fixAll.title, 'Fix all auto-fixable Plan Audit problems (1)');
    const fixed = TextDocument.applyEdits(document, fixAll.edit!.changes![document.uri]);
    assert.strictEqual(fixed, text.replace('tragets:', 'targets:'));
  });

  it('with insertPlaceholders, fix-all also inserts the targets skeleton', () => {
    const { document, actions } = actionsFor({ insertPlaceholders: true }, [fixAllKind]);
    const fixed = TextDocument.applyEdits(document, actions[0].edit!.changes![document.uri]);
    assert.match(fixed, /data_source: ATS\n {8}targets:\n {10}- fiscal_year: 2017\n {12}value: {2}# FY2017 target \(shipments\)\n$/);
    assert.ok(fixed.includes('        targets:\n          - {fiscal_year: 2017, value: 32000}'));
  });

  it('the quick fixes (Ctrl+.) still offer the placeholder fixes, preferred', () => {
    const { actions } = actionsFor(undefined, ['quickfix']);
    assert.deepStrictEqual(
      actions.map((action) => [action.title, action.isPreferred]),
      [
        // m1: its misspelt `tragets` key, and (until renamed) no targets.
        ['Add targets for FY2017', true],
        ['Mark the target not applicable (state the reason)', false],
        ['Rename to `targets`', true],
        // m2: no targets.
        ['Add targets for FY2017', true],
        ['Mark the target not applicable (state the reason)', false],
      ],
    );
  });

  it('reads the setting from the editor and from .plan-audit.yaml (fix_all.insert_placeholders), editor first', () => {
    assert.strictEqual(resolveSettings(undefined, null).settings.fixAllInsertsPlaceholders, undefined);
    assert.strictEqual(resolveSettings(undefined, { fixAll: { insertPlaceholders: true } }).settings.fixAllInsertsPlaceholders, true);
    const file = resolveSettings(undefined, null).settings;
    const fromFile = { ...file, fixAllInsertsPlaceholders: true };
    assert.strictEqual(resolveSettings(fromFile, {}).settings.fixAllInsertsPlaceholders, true);
    assert.strictEqual(resolveSettings(fromFile, { fixAll: { insertPlaceholders: false } }).settings.fixAllInsertsPlaceholders, false);
    const bad = resolveSettings(fromFile, { fixAll: { insertPlaceholders: 'yes' } });
    assert.strictEqual(bad.settings.fixAllInsertsPlaceholders, true);
    assert.deepStrictEqual(bad.problems, ['planAudit settings: fix_all.insert_placeholders must be true or false.']);
  });
});

/** The paths of the null or empty-string values the YAML holds (what a placeholder fix leaves to fill in). */
function emptyValuePaths(yamlText: string): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, at: string): void => {
    if (value === null || value === '') {
      paths.add(at);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${at}[${index}]`));
    } else if (typeof value === 'object') {
      Object.entries(value as Record<string, unknown>).forEach(([key, item]) => visit(item, `${at}.${key}`));
    }
  };
  parseAllDocuments(yamlText).forEach((document, index) => {
    if (!('errors' in document) || document.errors.length === 0) {
      visit(document.toJS({ maxAliasCount: 100 }), `#${index}`);
    }
  });
  return paths;
}

describe('Fix.complete is honest on every fix of every rule fixture', () => {
  /** Each fixture as a workspace: one file, or a folder of files (cross-file rules). */
  const workspaces: Map<string, string>[] = [];
  const yamlFile = (name: string) => name.endsWith('.yaml') && !name.endsWith('.fixed.yaml');
  for (const ruleId of fs.readdirSync(fixturesRoot).sort()) {
    for (const name of fs.readdirSync(path.join(fixturesRoot, ruleId)).sort()) {
      const entry = path.join(fixturesRoot, ruleId, name);
      const files = fs.statSync(entry).isDirectory() ? fs.readdirSync(entry).filter(yamlFile).map((file) => path.join(entry, file)) : yamlFile(name) ? [entry] : [];
      if (files.length > 0) {
        workspaces.push(new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')])));
      }
    }
  }
  // Complete fixes the rule fixtures do not reach: a schema rename and a mistyped kind.
  workspaces.push(new Map([['/ws/rename.plan.yaml', text]]), new Map([['/ws/kind.plan.yaml', text.replace('kind: plan', 'kind: plans')]]));

  it('a complete fix adds no empty value; any other fix adds one', () => {
    let complete = 0;
    let placeholders = 0;
    for (const files of workspaces) {
      const results = checkWorkspace(files, { ...defaultAuditSettings, reviewDate: '2017-02-28' });
      for (const [file, fileText] of files) {
        const { findings } = results.get(pathToFileURL(file).toString())!;
        const before = emptyValuePaths(fileText);
        for (const fix of findings.flatMap((finding) => finding.fixes ?? [])) {
          const after = emptyValuePaths(applyFix(fileText, fix));
          const where = `${file}: "${fix.title}"`;
          if (fix.complete) {
            complete++;
            // A rename moves empty values to new paths; it must not add any.
            assert.ok(after.size <= before.size, `${where} is marked complete but leaves an empty value to fill in`);
          } else {
            placeholders++;
            assert.ok(
              [...after].some((at) => !before.has(at)),
              `${where} inserts no empty value: mark it complete so fix-all applies it`,
            );
          }
        }
      }
    }
    assert.ok(complete >= 4 && placeholders > 20, `too few fixes seen: ${complete} complete, ${placeholders} placeholders`);
  });
});
