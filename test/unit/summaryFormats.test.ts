/**
 * The summary exports (Markdown, HTML, CSV, text, JSON) and `plan-audit summary`: the GAO-17-618 figures
 * of Tables 5, 6 and 11 come out, the CSV parses back to the same numbers, and hostile plan text is
 * escaped in every format.
 */
import * as assert from 'assert';
import * as path from 'path';
import { analyzeText } from '../../server/src/core/analyze';
import { main } from '../../server/src/checkCommand';
import type { PlanAuditSummaryReport } from '../../server/src/core/summary';
import { csvColumns, csvField, escapeHtml, escapeMarkdown, formatSummary, formatSummaryCsv, formatSummaryHtml, formatSummaryMarkdown, formatSummaryText } from '../../server/src/summaryFormats';
import { gaoFolder, hostile, hostileDocuments, loadFolder, summarize, table11, table5, table6 } from './summaryFixtures';
import { createAnalysisCache } from '../../server/src/core/analysisCache';

/** One analysis cache for the tests of this file, as the CLI keeps one per run: the schema validators compile once. */
const cache = createAnalysisCache();

/** An RFC 4180 parser, independent of the formatter: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else {
      field += character;
    }
  }
  assert.strictEqual(field, '', 'the CSV ends with a line break');
  return rows;
}

function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  assert.deepStrictEqual(header, [...csvColumns]);
  return rows.map((row) => {
    assert.strictEqual(row.length, header.length, 'every row has every column');
    return Object.fromEntries(header.map((column, index) => [column, row[index]]));
  });
}

describe('summary formats', () => {
  const report: PlanAuditSummaryReport = summarize(loadFolder(gaoFolder));
  const displayPath = (uri: string) => path.basename(uri);

  describe('CSV', () => {
    const rows = records(formatSummaryCsv(report, { displayPath }));

    it('parses back to the figures of Table 5, cell by cell', () => {
      for (const expected of table5) {
        const cells = rows.filter((row) => row.table === 'staffing' && row.position_id === expected.id);
        assert.deepStrictEqual(
          cells.map((row) => [Number(row.fiscal_year), Number(row.actual)]),
          expected.actuals.map((value, index) => [2012 + index, value]),
          expected.id,
        );
        for (const row of cells) {
          assert.strictEqual(Number(row.mandated_minimum), expected.min);
          assert.deepStrictEqual([Number(row.optimal_min), Number(row.optimal_max), Number(row.optimal_first_year), Number(row.optimal_last_year)], [...expected.optimal, 2015, 2022]);
          assert.strictEqual(row.below_minimum, expected.belowMin.includes(Number(row.fiscal_year)) ? 'yes' : 'no', `${expected.id} FY${row.fiscal_year} below minimum`);
          assert.strictEqual(row.below_optimal, Number(row.fiscal_year) < 2015 ? '' : expected.belowOptimal.includes(Number(row.fiscal_year)) ? 'yes' : 'no', `${expected.id} FY${row.fiscal_year} below optimal`);
          assert.strictEqual(row.generally_below_minimum, expected.generallyBelow ? 'yes' : 'no');
          assert.strictEqual(row.position, expected.title);
          assert.strictEqual(row.file, 'trade-positions.staffing.yaml');
          assert.ok(Number(row.line) > 0);
        }
      }
    });

    it('parses back to the figures of Table 6 (as of 2014-10-04, counted in FY2015)', () => {
      for (const expected of table6) {
        const [row, ...others] = rows.filter((candidate) => candidate.table === 'staffing' && candidate.position_id === expected.id);
        assert.deepStrictEqual(others, []);
        assert.deepStrictEqual(
          [row.fiscal_year, row.as_of, Number(row.actual), Number(row.optimal_min), Number(row.optimal_max), row.mandated_minimum, row.below_minimum, row.below_optimal, row.generally_below_optimal],
          ['2015', '2014-10-04', expected.actual, ...expected.optimal, '', '', expected.below ? 'yes' : 'no', expected.below ? 'yes' : 'no'],
        );
      }
    });

    it('has one targets row per plan with the measure counts', () => {
      const targets = rows.filter((row) => row.table === 'targets');
      assert.strictEqual(targets.length, 9);
      const adcvd = targets.find((row) => row.plan_id === 'adcvd-fy2017-annual');
      assert.deepStrictEqual([adcvd?.measures, adcvd?.with_targets, adcvd?.justified_exceptions, adcvd?.without_target, adcvd?.period, adcvd?.standing], ['4', '0', '0', '4', 'FY2017', 'current']);
      assert.ok(targets.every((row) => row.review_date === '2017-02-28' && row.scope === 'CBP Priority Trade Issues'));
    });

    it('quotes fields and disarms spreadsheet formulas', () => {
      assert.strictEqual(csvField('Fines, Penalties and Forfeitures specialist'), '"Fines, Penalties and Forfeitures specialist"');
      assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
      assert.strictEqual(csvField('=1+1'), "'=1+1");
      assert.strictEqual(csvField('@SUM(A1)'), "'@SUM(A1)");
      assert.strictEqual(csvField(-3), '-3', 'numbers stay numbers');
      assert.strictEqual(csvField(true), 'yes');
      const hostileRows = records(formatSummaryCsv(summarize(hostileDocuments()), { displayPath }));
      const staffing = hostileRows.find((row) => row.table === 'staffing');
      assert.strictEqual(staffing?.office, `'${hostile.formula}`);
      assert.strictEqual(staffing?.position, hostile.script, 'text round-trips verbatim');
    });
  });

  describe('Markdown', () => {
    const markdown = formatSummaryMarkdown(report, { displayPath });

    it('has Table 11: every issue area with its status', () => {
      for (const area of table11) {
        const title = escapeMarkdown(area.title);
        const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| ${title} |`));
        assert.ok(line, `a row for ${area.title}`);
        assert.ok(line.includes(`**${area.status[0].toUpperCase()}${area.status.slice(1)}**`), `${area.title} is ${area.status}`);
      }
      assert.ok(markdown.includes('1 current, 4 outdated, 2 missing.'));
    });

    it('has Tables 5 and 6: every figure, marked where below, generally-below positions in bold', () => {
      for (const expected of table5) {
        const name = expected.generallyBelow || expected.belowOptimal.length === 2 ? `**${expected.title}**` : expected.title;
        const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| ${name} |`));
        assert.ok(line, `a row for ${expected.title}`);
        const cells = line.split(' | ');
        const figures = cells.slice(3, 8).map((cell) => cell.replace(/\\/g, ''));
        assert.deepStrictEqual(
          figures,
          expected.actuals.map((value, index) => {
            const year = 2012 + index;
            return `${value.toLocaleString('en-US')}${expected.belowMin.includes(year) ? '*' : ''}${expected.belowOptimal.includes(year) ? '~' : ''}`;
          }),
          expected.id,
        );
        assert.strictEqual(cells[1], expected.min.toLocaleString('en-US'));
      }
      for (const expected of table6) {
        const line = markdown.split('\n').find((candidate) => candidate.includes(`${expected.title}`) && candidate.includes('FY2015–FY2022'));
        assert.ok(line?.includes(`| ${expected.actual.toLocaleString('en-US')}${expected.below ? '\\~' : ''} |`), expected.id);
      }
    });

    it('escapes markup in plan text', () => {
      const hostileMarkdown = formatSummaryMarkdown(summarize(hostileDocuments()), { displayPath });
      const body = hostileMarkdown.replace(/<br>/g, '');
      assert.ok(!/(^|[^\\])</.test(body), 'every < is escaped, so no raw HTML');
      assert.ok(!/(^|[^\\])\[/.test(body), 'every [ is escaped, so no link');
      assert.ok(hostileMarkdown.includes('\\<img src=x onerror="window.\\_\\_pwned=1"\\>'));
    });
  });

  describe('HTML', () => {
    const html = formatSummaryHtml(report, { displayPath });

    it('is one self-contained page: inline CSS, no script, no external resource', () => {
      assert.ok(html.startsWith('<!DOCTYPE html>'));
      assert.ok(html.includes('<style>'));
      assert.ok(!/<script/i.test(html));
      assert.ok(!/\b(?:src|href)=/i.test(html), 'no src or href at all');
      assert.ok(html.includes("default-src 'none'"));
      assert.ok(html.includes('@media print'));
    });

    it('has Tables 5, 6 and 11 figures', () => {
      for (const area of table11) {
        assert.ok(html.includes(`<th scope="row">${escapeHtml(area.title)}</th><td class="status status-${area.status}">`), area.title);
      }
      for (const expected of table5) {
        const row = html.split('\n').find((line) => line.includes(`<th scope="row">${escapeHtml(expected.title)}</th>`));
        assert.ok(row, expected.title);
        for (const value of expected.actuals) {
          assert.ok(row.includes(`>${value.toLocaleString('en-US')}`), `${expected.id} ${value}`);
        }
        assert.strictEqual((row.match(/below minimum/g) ?? []).length, expected.belowMin.length, `${expected.id}: cells marked below the minimum`);
        assert.ok(row.includes('role="img" aria-label="'), 'a chart with a text alternative');
      }
      for (const expected of table6) {
        assert.ok(html.includes(`<th scope="row">${escapeHtml(expected.title)}</th>`));
        assert.ok(html.includes(`>${expected.actual.toLocaleString('en-US')}<span class="muted"> as of 2014-10-04</span>`), expected.id);
      }
    });

    it('escapes every string from the YAML', () => {
      const hostileHtml = formatSummaryHtml(summarize(hostileDocuments()), { displayPath });
      assert.ok(!hostileHtml.includes('<img'));
      assert.ok(!/<\/script>/i.test(hostileHtml));
      assert.ok(!hostileHtml.includes('onerror="'), 'no attribute can be injected');
      assert.ok(hostileHtml.includes(escapeHtml(hostile.img)));
      assert.ok(hostileHtml.includes(escapeHtml(hostile.script)));
    });
  });

  describe('text and JSON', () => {
    it('text ends each scope with the staffing table and a legend', () => {
      const text = formatSummaryText(report, { displayPath });
      assert.match(text, /^Summary: CBP Priority Trade Issues \(review date 2017-02-28, FY2017\)$/m);
      assert.match(text, /^Plan coverage: 1 current, 4 outdated, 2 missing$/m);
      assert.match(text, /^ {4}Import specialist +984 +984–1,748 \(FY2015–FY2022\) +983\* +987 +954\* +936\*~ +917\*~ +generally below mandated minimum/m);
      assert.match(text, /^ {4}CBP officer +8,658–9,682 \(FY2015–FY2022\) +6,889~ +generally below optimal range/m);
    });

    it('text drops control characters (no terminal escapes from the YAML)', () => {
      const document = analyzeText('file:///ws/x.portfolio.yaml', 'kind: portfolio\nversion: 1\nid: x\ntitle: "\\e[31mred\\e[0m"\nareas:\n  - id: a\n    title: A\n', { cache });
      const text = formatSummaryText(summarize([document]));
      assert.ok(!text.includes('\u001b'));
    });

    it('JSON is the report itself', () => {
      assert.deepStrictEqual(JSON.parse(formatSummary(report, 'json')), JSON.parse(JSON.stringify(report)));
    });
  });

  describe('command line', () => {
    const cwd = path.resolve(gaoFolder, '../..');
    const run = (argv: string[]) => {
      let out = '';
      let err = '';
      const code = main(argv, cwd, (text) => (out += text), (text) => (err += text));
      return { code, out, err };
    };

    it('plan-audit summary --format csv prints the CSV', () => {
      const { code, out } = run(['summary', 'samples/gao-17-618', '--format', 'csv']);
      assert.strictEqual(code, 0);
      const rows = records(out);
      assert.strictEqual(rows.find((row) => row.position_id === 'cbp-officer')?.actual, '6889');
      assert.strictEqual(rows[0].file.split(path.sep).join('/').startsWith('samples/gao-17-618/'), true, 'paths relative to the working folder');
    });

    it('plan-audit summary accepts text, markdown, html and json, and rejects sarif', () => {
      for (const format of ['text', 'markdown', 'html', 'json']) {
        const { code, out } = run(['summary', 'samples/gao-17-618', '--format', format, '--review-date', '2017-02-28']);
        assert.strictEqual(code, 0, format);
        assert.ok(out.includes('CBP Priority Trade Issues'), format);
      }
      const bad = run(['summary', 'samples', '--format', 'sarif']);
      assert.strictEqual(bad.code, 2);
      assert.match(bad.err, /--format must be text, markdown, html, csv, json for summary/);
    });

    it('plan-audit check prints the findings, then the text summary', () => {
      const { out } = run(['check', 'samples/gao-17-618']);
      const countLine = out.indexOf('file(s) checked at review date 2017-02-28');
      const summaryLine = out.indexOf('Summary: CBP Priority Trade Issues');
      assert.ok(countLine > 0 && summaryLine > countLine, 'summary after the findings');
      assert.ok(out.includes('measure-without-target'));
      assert.ok(out.trimEnd().endsWith('5 years: 3'), 'the summary is the last thing printed');
    });
  });
});
