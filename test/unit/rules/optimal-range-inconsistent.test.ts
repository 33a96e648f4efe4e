import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../../../server/src/core/analyze';
import { describeRuleFixtures } from './ruleFixtures';
import { createAnalysisCache } from '../../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

const ruleId = 'optimal-range-inconsistent';
const samplePath = path.resolve(__dirname, '../../../samples/gao-17-618/trade-positions.staffing.yaml');

function findingsOf(text: string) {
  const document = analyzeText('file:///s.staffing.yaml', text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2017-02-28' };
  return auditDocument(document, createAuditContext([document], settings), settings).filter((f) => f.ruleId === ruleId);
}

describe(ruleId, () => {
  describeRuleFixtures(ruleId);

  it('on the GAO-17-618 sample: Fines, Penalties and Forfeitures (101–201 against 203) only, as information', () => {
    const text = fs.readFileSync(samplePath, 'utf8');
    const findings = findingsOf(text);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].severity, 'information');
    assert.strictEqual(text.slice(findings[0].span[0], findings[0].span[1]), 'optimal');
    assert.strictEqual(
      findings[0].message,
      'Position `fines-penalties-forfeitures-specialist` (“Fines, Penalties and Forfeitures specialist”) has an inconsistent optimal range 101–201: its maximum (201) is below the mandated minimum of 203, so staffing at the optimum would not meet the mandate. Check the figures against the staffing model\'s report, and note the explanation in the file.',
    );
    assert.strictEqual(findings[0].fixes, undefined);
  });
});
