/**
 * Writes a plan's drawn content (generatePlan.ts) as YAML in one of several styles. Every style gives the
 * same data as `plain`, so the same findings; choices that vary within a style (which names are quoted,
 * which data sources are block scalars) follow the measure's index, never the PRNG, so the content of a
 * `(measures, seed)` is the same in every style.
 */
import type { GoalContent, MeasureContent, PlanContent, TextEdit } from './generatePlan';

/** Data sources: every one has spaces, so a style may fold it over two lines. */
export const dataSources = [
  'Automated Commercial Environment (ACE) reports',
  'Seized Asset and Case Tracking System',
  'ATF firearms trace data, obtained under FOIA',
  'Office of Trade performance database',
  'Quarterly field office returns, verified by headquarters',
];

export type PlanStyle = 'plain' | 'real-world' | 'flow' | 'crlf' | 'directive' | 'anchors';

/** Every style, `plain` first (the others are compared with it). */
export const planStyles: readonly PlanStyle[] = ['plain', 'real-world', 'flow', 'crlf', 'directive', 'anchors'];

export const styleDescriptions: Readonly<Record<PlanStyle, string>> = {
  plain: 'block style, mostly plain scalars; a few comment lines, `>-` goal descriptions and quoted strings (the text the bench has always generated)',
  'real-world':
    'as a person writes it: header, section and trailing comments, blank lines; descriptions as `>-`, multi-line plain, single-quoted (with `\'\'`) and double-quoted (with an escaped line break) scalars; data sources as `|-` and `>-` block scalars; names in single and double quotes',
  flow: '`period`, `baseline`, `targets` and `actuals` as flow collections: `targets: [{fiscal_year: 2017, value: 12}, …]`',
  crlf: '`plain` with CRLF line ends',
  directive: '`plain` after a `%YAML 1.2` directive and a `---` marker, with a `...` marker after it',
  anchors: 'the first measure using each data source anchors it (`data_source: &src1 …`); every later one is an alias (`data_source: *src1`)',
};

interface Rendered {
  readonly text: string;
  readonly edit: TextEdit;
  readonly typingOffset: number;
  readonly goalDeletion: TextEdit;
}

/** Collects lines and knows the offset where the next one starts. */
class Writer {
  private readonly parts: string[] = [];
  length = 0;
  constructor(private readonly eol: string) {}
  line(text: string): void {
    this.parts.push(text, this.eol);
    this.length += text.length + this.eol.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

const singleQuoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const doubleQuoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** Splits text at its middle space: the two lines fold back into it. */
function splitAtSpace(text: string): [string, string] {
  const middle = text.length >> 1;
  let at = text.indexOf(' ', middle);
  if (at === -1) {
    at = text.lastIndexOf(' ');
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

export function renderPlan(content: PlanContent, style: PlanStyle): Rendered {
  const out = new Writer(style === 'crlf' ? '\r\n' : '\n');
  const realWorld = style === 'real-world';
  const flow = style === 'flow';
  let edit: TextEdit | undefined;
  let typingOffset = -1;
  let deletion: TextEdit | undefined;
  const anchored = new Set<number>();

  if (style === 'directive') {
    out.line('%YAML 1.2');
    out.line('---');
  }
  out.line(`# Generated plan with ${content.measureCount} measures (bench/generatePlan.ts). Illustrative: not an agency's plan.`);
  if (realWorld) {
    out.line('#');
    out.line(`# Transcribed from the agency's performance plan; figures checked against the annual report.`);
    out.line('# Fiscal years are whole numbers: 2017 means FY2017.');
    out.line('');
  }
  out.line('kind: plan');
  out.line('version: 1');
  out.line(`id: ${content.planId}`);
  out.line(realWorld ? `title: ${doubleQuoted(content.title)}` : `title: ${content.title}`);
  out.line(`agency: ${content.agency}`);
  out.line(`office: ${content.office}`);
  out.line(realWorld ? `owner: ${singleQuoted(content.owner)}  # goal leader` : `owner: ${content.owner}`);
  out.line(`issue_area: ${content.issueArea}`);
  out.line(`type: ${content.type}`);
  out.line('status: final');
  if (flow) {
    out.line(`period: {start: ${content.start}, end: ${content.end}}`);
  } else {
    out.line('period:');
    out.line(`  start: ${content.start}`);
    out.line(`  end: ${content.end}`);
  }
  out.line('goals:');

  const writeDescription = (goal: GoalContent) => {
    const [first, second] = goal.description!;
    const indent = '      ';
    switch (realWorld ? goal.index % 4 : 0) {
      case 1: // multi-line plain scalar: the line break folds into a space
        out.line(`    description: ${first}`);
        out.line(`${indent}${second}`);
        return;
      case 2: // single-quoted over two lines, the apostrophe doubled
        out.line(`    description: '${first.replace(/'/g, "''")}`);
        out.line(`${indent}${second.replace(/'/g, "''")}'`);
        return;
      case 3: // double-quoted with an escaped line break: the space before the backslash is kept
        out.line(`    description: "${first} \\`);
        out.line(`${indent}${second}"`);
        return;
      default:
        out.line('    description: >-');
        out.line(`${indent}${first}`);
        out.line(`${indent}${second}`);
    }
  };

  const writeName = (measure: MeasureContent) => {
    const prefix = '            name: ';
    let quote = '';
    if (measure.nameNeedsQuotes) {
      quote = realWorld && measure.index % 2 === 0 ? "'" : '"';
    } else if (realWorld && measure.index % 5 < 2) {
      quote = measure.index % 5 === 0 ? "'" : '"';
    }
    if (measure.index === content.editMeasure) {
      typingOffset = out.length + prefix.length + quote.length + measure.name.length;
    }
    out.line(`${prefix}${quote}${measure.name}${quote}`);
  };

  const writeDataSource = (measure: MeasureContent) => {
    const text = dataSources[measure.source];
    if (style === 'anchors') {
      if (anchored.has(measure.source)) {
        out.line(`            data_source: *src${measure.source + 1}`);
      } else {
        anchored.add(measure.source);
        out.line(`            data_source: &src${measure.source + 1} ${text}`);
      }
      return;
    }
    const [first, second] = splitAtSpace(text);
    switch (realWorld ? measure.index % 6 : 5) {
      case 0:
        out.line('            data_source: |-');
        out.line(`              ${text}`);
        return;
      case 1:
        out.line('            data_source: >-');
        out.line(`              ${first}`);
        out.line(`              ${second}`);
        return;
      case 2:
        out.line(`            data_source: "${first} \\`);
        out.line(`              ${second}"`);
        return;
      case 3:
        out.line(`            data_source: ${text}  # see the data dictionary`);
        return;
      default:
        out.line(`            data_source: ${text}`);
    }
  };

  const writeTargets = (measure: MeasureContent) => {
    const targets = measure.targets!;
    const isEdited = measure.index === content.editMeasure;
    if (flow) {
      let line = '            targets: [';
      targets.forEach((target, position) => {
        line += `${position > 0 ? ', ' : ''}{fiscal_year: ${target.year}, value: `;
        if (isEdited && position === 0) {
          edit = numberEdit(out.length + line.length, target.value);
        }
        line += `${target.value}}`;
      });
      out.line(`${line}]`);
      return;
    }
    out.line('            targets:');
    targets.forEach((target, position) => {
      if (realWorld && measure.index % 8 === 5) {
        out.line(`              # FY${target.year} target, from the annual plan`);
      }
      out.line(`              - fiscal_year: ${target.year}`);
      const prefix = '                value: ';
      if (isEdited && position === 0) {
        edit = numberEdit(out.length + prefix.length, target.value);
      }
      out.line(`${prefix}${target.value}`);
    });
  };

  const writeActuals = (measure: MeasureContent) => {
    const actuals = measure.actuals!;
    if (flow) {
      const items = actuals.map(
        (actual) => `{fiscal_year: ${actual.year}, value: ${actual.value}${actual.explanation ? `, explanation: ${singleQuoted(actual.explanation)}` : ''}}`,
      );
      out.line(`            actuals: [${items.join(', ')}]`);
      return;
    }
    out.line('            actuals:');
    for (const actual of actuals) {
      out.line(`              - fiscal_year: ${actual.year}`);
      out.line(`                value: ${actual.value}`);
      if (actual.explanation) {
        if (realWorld) {
          out.line(`                explanation: ${measure.index % 2 === 0 ? '|-' : '>-'}`);
          out.line(`                  ${actual.explanation}`);
        } else {
          out.line(`                explanation: ${singleQuoted(actual.explanation)}`);
        }
      }
    }
  };

  const writeMeasure = (measure: MeasureContent) => {
    if (measure.comment) {
      out.line(`          # Measure ${measure.index + 1}: reported in the agency's annual performance report.`);
    }
    out.line(`          - id: m${measure.index + 1}`);
    writeName(measure);
    out.line(realWorld && measure.index % 7 === 3 ? `            unit: ${measure.unit}  # as counted at closure` : `            unit: ${measure.unit}`);
    out.line(`            direction: ${measure.direction}`);
    writeDataSource(measure);
    if (measure.unknownKey) {
      out.line('            reporting_frequency: quarterly');
    }
    const baselineYear = measure.baselineYearAsText ? `"${measure.baselineYear}"` : String(measure.baselineYear);
    if (realWorld && measure.index % 9 === 0) {
      out.line('            # Baseline: the fiscal year before the plan.');
    }
    if (flow) {
      out.line(`            baseline: {fiscal_year: ${baselineYear}, value: ${measure.baseline}}`);
    } else {
      out.line('            baseline:');
      out.line(`              fiscal_year: ${baselineYear}`);
      out.line(`              value: ${measure.baseline}`);
    }
    if (measure.targets) {
      writeTargets(measure);
    }
    if (measure.actuals) {
      writeActuals(measure);
    }
  };

  let deletionStart = -1;
  for (const goal of content.goals) {
    if (deletionStart >= 0 && deletion === undefined) {
      deletion = { offset: deletionStart, length: out.length - deletionStart, newText: '' };
    }
    if (goal.index === content.deletedGoal) {
      deletionStart = out.length;
    }
    if (realWorld) {
      out.line('');
      out.line(`  # Goal ${goal.index}`);
    }
    out.line(`  - id: g${goal.index}`);
    out.line(realWorld && goal.index % 3 === 0 ? `    title: ${singleQuoted(goal.title)}` : `    title: ${goal.title}`);
    if (goal.description) {
      writeDescription(goal);
    }
    out.line('    objectives:');
    for (const objective of goal.objectives) {
      out.line(`      - id: ${objective.id}`);
      out.line(`        title: ${objective.title}`);
      out.line('        measures:');
      objective.measures.forEach(writeMeasure);
    }
  }
  if (deletionStart >= 0 && deletion === undefined) {
    deletion = { offset: deletionStart, length: out.length - deletionStart, newText: '' };
  }
  if (style === 'directive') {
    out.line('...');
  }
  if (!edit) {
    throw new Error(`generatePlan: no target to edit in a plan of ${content.measureCount} measures`);
  }
  return { text: out.text(), edit, typingOffset, goalDeletion: deletion ?? { offset: 0, length: 0, newText: '' } };
}

/** Same length, different value (the last digit moves on by one): the findings do not change. */
function numberEdit(offset: number, value: string): TextEdit {
  return { offset, length: value.length, newText: value.slice(0, -1) + String((Number(value.slice(-1)) + 1) % 10) };
}
