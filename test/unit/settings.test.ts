/**
 * Settings precedence (issue 13, defect 8): editor settings over the workspace's `.plan-audit.yaml` over
 * the defaults, `off` included, tested on the pure merge the server runs (`resolveSettings`), on the
 * file reader, and on what the extension sends (only what the user set, so a default never hides the file).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { explicitSettings, serverSettingKeys } from '../../client/src/explicitSettings';
import type { AuditSettings } from '../../server/src/core/analyze';
import { defaultAuditSettings } from '../../server/src/core/analyze';
import { resolveSettings } from '../../server/src/settings';
import { readConfigFile } from '../../server/src/workspaceFiles';
import { auditFiles, ofRule } from './rules/workspaceHelpers';

/** Reads `.plan-audit.yaml` with `text` from a fresh folder, as the server and the CLI do. */
function fileSettings(text: string): ReturnType<typeof readConfigFile> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-settings-'));
  try {
    fs.writeFileSync(path.join(folder, '.plan-audit.yaml'), text);
    return readConfigFile(folder, defaultAuditSettings);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The settings with unset (undefined) fields dropped, for comparing with a literal. */
function withoutUndefined(settings: AuditSettings): AuditSettings {
  return JSON.parse(JSON.stringify(settings)) as AuditSettings;
}

const file = fileSettings(`review_date: 2017-02-28
fiscal_year_start_month: 1
rules:
  plan-without-owner: off
  staffing-declining: warning
  measure-without-baseline: error
fix_all:
  insert_placeholders: true
`);

describe('settings precedence: editor > .plan-audit.yaml > defaults', () => {
  it('reads .plan-audit.yaml over the defaults, `off` included', () => {
    assert.deepStrictEqual(file.problems, []);
    assert.strictEqual(file.document, undefined, 'no finding in the file');
    assert.deepStrictEqual(file.settings, {
      reviewDate: '2017-02-28',
      fiscalYearStartMonth: 1,
      rules: { 'plan-without-owner': 'off', 'staffing-declining': 'warning', 'measure-without-baseline': 'error' },
      fixAllInsertsPlaceholders: true,
    });
    assert.deepStrictEqual(fileSettings('').settings, defaultAuditSettings);
  });

  it('keeps the defaults when neither the file nor the editor sets anything', () => {
    assert.deepStrictEqual(resolveSettings(undefined, null).settings, defaultAuditSettings);
    assert.deepStrictEqual(withoutUndefined(resolveSettings(undefined, {}).settings), defaultAuditSettings);
  });

  it('keeps the file where the editor is silent', () => {
    assert.deepStrictEqual(resolveSettings(file.settings, null).settings, file.settings);
    assert.deepStrictEqual(withoutUndefined(resolveSettings(file.settings, {}).settings), file.settings);
    // What the extension sends when the user set nothing (explicitSettings leaves defaults out).
    assert.deepStrictEqual(resolveSettings(file.settings, explicitSettings(() => ({ isSet: false, value: 10 }))).settings, file.settings);
  });

  it('lets the editor win, rule by rule: `off` over a severity, a severity over `off`', () => {
    const { settings, problems } = resolveSettings(file.settings, {
      reviewDate: '2018-03-01',
      fiscalYearStartMonth: 10,
      rules: { 'plan-without-owner': 'warning', 'staffing-declining': 'off' },
      fixAll: { insertPlaceholders: false },
    });
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(settings, {
      reviewDate: '2018-03-01',
      fiscalYearStartMonth: 10,
      rules: { 'plan-without-owner': 'warning', 'staffing-declining': 'off', 'measure-without-baseline': 'error' },
      fixAllInsertsPlaceholders: false,
    });
  });

  it('falls back to the file, not the default, when an editor value is bad, and says why', () => {
    const { settings, problems } = resolveSettings(file.settings, {
      reviewDate: '28/02/2018',
      fiscalYearStartMonth: 13,
      rules: { 'plan-without-owner': 'loud' },
      fixAll: { insertPlaceholders: 'yes' },
    });
    assert.deepStrictEqual(settings, file.settings);
    assert.strictEqual(problems.length, 4);
  });

  it('reports a bad fix_all in .plan-audit.yaml as a finding in it, and keeps the default', () => {
    const bad = fileSettings('fix_all:\n  insert_placeholders: yes\n  insert_placeholder: true\n');
    assert.strictEqual(bad.settings.fixAllInsertsPlaceholders, undefined);
    assert.deepStrictEqual(bad.document?.baseFindings.map((finding) => [finding.severity, finding.message]), [
      ['error', '`fix_all.insert_placeholders` should be `true` or `false` (found "yes"): it is not applied.'],
      ['warning', 'Unknown setting `fix_all.insert_placeholder` in `.plan-audit.yaml`: it is ignored. `fix_all` holds `insert_placeholders`.'],
    ]);
  });

  it('an empty editor review date leaves the file’s date (the setting’s default is "")', () => {
    assert.strictEqual(resolveSettings(file.settings, { reviewDate: '  ' }).settings.reviewDate, '2017-02-28');
  });

  it('`off` removes the rule’s findings from the audit; the editor’s severity brings them back', () => {
    const plan = `kind: plan
version: 1
id: p
title: P
agency: A
issue_area: x
type: annual
status: final
period: {start: 2017, end: 2017}
goals:
  - id: g1
    title: G
    measures:
      - id: m1
        name: Audits
        unit: audits
        data_source: Audit log
        baseline: {fiscal_year: 2016, value: 10}
        targets:
          - {fiscal_year: 2017, value: 12}
`;
    const owner = (settings: AuditSettings) => ofRule(auditFiles({ 'p.plan.yaml': plan }, '2017-02-28', settings), 'plan-without-owner');
    assert.deepStrictEqual(owner(defaultAuditSettings).map((f) => f.severity), ['information']);
    assert.deepStrictEqual(owner(file.settings), []);
    assert.deepStrictEqual(owner(resolveSettings(file.settings, { rules: { 'plan-without-owner': 'error' } }).settings).map((f) => f.severity), ['error']);
    assert.deepStrictEqual(owner(resolveSettings(defaultAuditSettings, { rules: { 'plan-without-owner': 'off' } }).settings), []);
  });
});

describe('explicitSettings: what the extension sends the server', () => {
  it('leaves out settings that only have their default, so .plan-audit.yaml decides them', () => {
    const set: Record<string, unknown> = { reviewDate: '2018-03-01', rules: { 'plan-without-owner': 'off' } };
    const sent = explicitSettings((key) => ({ isSet: key in set, value: set[key] ?? 'default' }));
    assert.deepStrictEqual(sent, { reviewDate: '2018-03-01', rules: { 'plan-without-owner': 'off' } });
    assert.strictEqual(resolveSettings(file.settings, sent).settings.fiscalYearStartMonth, 1);
  });

  it('sends a value the user set even when it equals the default', () => {
    const sent = explicitSettings((key) => ({ isSet: key === 'fiscalYearStartMonth', value: 10 }));
    assert.deepStrictEqual(sent, { fiscalYearStartMonth: 10 });
    assert.strictEqual(resolveSettings(file.settings, sent).settings.fiscalYearStartMonth, 10);
  });
});

describe('the settings the extension contributes', () => {
  const root = path.resolve(__dirname, '../..');
  const contributed = Object.keys(
    (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties,
  );

  it('are each in the README settings table', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.deepStrictEqual(contributed.filter((key) => !readme.includes(`| \`${key}\` |`)), []);
  });

  it('reach the server when the user sets them (all but the client-side trace)', () => {
    assert.deepStrictEqual(
      contributed.filter((key) => key !== 'planAudit.trace.server').sort(),
      serverSettingKeys.map((key) => `planAudit.${key}`).sort(),
    );
  });
});
