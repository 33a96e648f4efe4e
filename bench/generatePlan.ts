/**
 * Deterministic generator of plan files (`kind: plan`, see docs/plan-format.md and schemas/plan.schema.json)
 * for the benchmark and for the parse-path equivalence tests.
 *
 * The same `(measures, seed)` always gives the same bytes: a seeded PRNG (mulberry32) drives every choice.
 * The plans look like real ones: goals with objectives and measures, realistic names, units, data sources,
 * baselines, targets and actuals, comments, quoted strings and folded block scalars. About 20% of the
 * measures have no targets (so `measure-without-target` fires), and exactly three schema errors are
 * planted far apart (an unknown key, a wrong type, a value outside an enum), which is what a
 * schema-only validator such as yaml-language-server should report.
 */

/** One generated plan and what a benchmark needs to know about it. */
export interface GeneratedPlan {
  readonly text: string;
  readonly measures: number;
  /** Measures generated without `targets` (and without `target_not_applicable`). */
  readonly measuresWithoutTargets: number;
  /** Schema violations planted: the diagnostics a schema-only validator must report. */
  readonly schemaErrors: number;
  /**
   * A one-value edit that changes no finding: a target value in the middle of the file replaced by
   * another number of the same length.
   */
  readonly edit: { readonly offset: number; readonly length: number; readonly newText: string };
}

export interface GenerateOptions {
  readonly seed?: number;
  /** Plant the three schema errors (default true). */
  readonly schemaErrors?: boolean;
  /** How the plan is written (default `plain`): the same goals, measures and values in every style. */
  readonly style?: PlanStyle;
}

/**
 * The YAML styles real plans are written in, for the bench's style matrix and the parse tests:
 * - `plain`: block style, unquoted values, `>-` descriptions, a few comments and quotes;
 * - `real-world`: titles in double quotes (some with `\"` escapes), data sources in single quotes,
 *   units with a trailing comment, descriptions as `>-` or `|` block scalars, a comment header;
 * - `flow`: targets as one-line flow mappings, baselines as flow mappings over two lines;
 * - `crlf`: CRLF line breaks;
 * - `directive`: a `%YAML 1.2` directive and `---` before the plan, `...` after it;
 * - `anchors`: each distinct data source anchored where it first appears, aliased after that.
 */
export type PlanStyle = 'plain' | 'real-world' | 'flow' | 'crlf' | 'directive' | 'anchors';

export const planStyles: readonly PlanStyle[] = ['plain', 'real-world', 'flow', 'crlf', 'directive', 'anchors'];

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const agencies = [
  'U.S. Customs and Border Protection',
  'Bureau of Alcohol, Tobacco, Firearms and Explosives',
  'Food Safety and Inspection Service',
  'Office of the Inspector General',
  'Transportation Security Administration',
];
const offices = ['Office of Trade', 'Office of Field Operations', 'Office of Strategic Planning', 'Enforcement and Compliance', 'Regulatory Programs'];
const officials = ['Director, Trade Policy and Programs', 'Executive Director, Field Operations', 'Assistant Commissioner, Office of Trade', 'Chief Performance Officer'];
const verbs = ['Strengthen', 'Expand', 'Improve', 'Reduce', 'Modernize', 'Enforce', 'Protect', 'Streamline', 'Increase', 'Target'];
const objects = [
  'enforcement of trade laws',
  'targeting of high-risk shipments',
  'detection of counterfeit goods',
  'collection of duties owed',
  'inspection of imported food',
  'screening of outbound cargo',
  'coordination with partner agencies',
  'training of import specialists',
  'audits of importers',
  'tracing of recovered firearms',
];
const counted = [
  'audits completed',
  'seizures of counterfeit goods',
  'entries reviewed',
  'importers removed from a targeting rule',
  'shipments examined',
  'penalty cases closed',
  'firearms traced',
  'defendants charged',
  'labs accredited',
  'inspections performed',
  'nonaudit services delivered',
  'surveys conducted',
];
const qualifiers = ['AD/CVD-related', 'high-risk', 'priority', 'outbound', 'inbound', 'textile', 'agricultural', 'intellectual-property'];
const units = ['audits', 'seizures', 'entries', 'importers', 'shipments', 'cases', 'firearms', 'percent', 'days', 'dollars (millions)'];
const sources = [
  'Automated Commercial Environment (ACE) reports',
  'Seized Asset and Case Tracking System',
  'ATF firearms trace data, obtained under FOIA',
  'Office of Trade performance database',
  'Quarterly field office returns, verified by headquarters',
];
const directions = ['increase', 'decrease', 'maintain'];

/** Generates a plan with `measureCount` measures. */
export function generatePlan(measureCount: number, options: GenerateOptions = {}): GeneratedPlan {
  const random = createRandom((options.seed ?? 1) * 1_000_003 + measureCount);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const plantErrors = options.schemaErrors ?? true;
  const style = options.style ?? 'plain';
  const eol = style === 'crlf' ? '\r\n' : '\n';
  // `anchors`: the anchor name of each data source written so far.
  const sourceAnchors = new Map<string, string>();
  const start = int(2016, 2021);
  const end = start + int(1, 4);
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  // Where the planted errors go: measures far apart, so each is reported on its own.
  const errorAt = new Map<number, 'unknown-key' | 'wrong-type' | 'enum'>();
  if (plantErrors && measureCount >= 3) {
    errorAt.set(Math.floor(measureCount * 0.1), 'unknown-key');
    errorAt.set(Math.floor(measureCount * 0.5) + 1, 'wrong-type');
    errorAt.set(Math.floor(measureCount * 0.9), 'enum');
  }
  const editMeasure = Math.floor(measureCount * 0.5);
  let editOffset = -1;
  let editValue = '';
  let withoutTargets = 0;
  // Offsets are computed from the lines written so far.
  let length = 0;
  const write = (line: string) => {
    out(line);
    length += line.length + eol.length;
  };
  const quoteTitle = (title: string) => (style === 'real-world' ? `"${title.replace(/ of /, ' of \\"the\\" ')}"` : title);

  if (style === 'directive') {
    write('%YAML 1.2');
    write('---');
  }

  const planId = `plan-${measureCount}-${int(100, 999)}`;
  write(`# Generated plan with ${measureCount} measures (bench/generatePlan.ts). Illustrative: not an agency's plan.`);
  if (style === 'real-world') {
    write('# Kept by the program office; reviewed each quarter.');
  }
  write('kind: plan');
  write('version: 1');
  write(`id: ${planId}`);
  write(`title: ${pick(verbs)} ${pick(objects)}, fiscal years ${start}-${end}`);
  write(`agency: ${pick(agencies)}`);
  write(`office: ${pick(offices)}`);
  write(`owner: ${pick(officials)}`);
  write(`issue_area: area-${int(1, 7)}`);
  write(`type: ${end - start >= 3 ? 'strategic' : 'annual'}`);
  write('status: final');
  write('period:');
  write(`  start: ${start}`);
  write(`  end: ${end}`);
  write('goals:');

  let measureIndex = 0;
  let goalIndex = 0;
  while (measureIndex < measureCount) {
    goalIndex++;
    write(`  - id: g${goalIndex}`);
    write(`    title: ${quoteTitle(`${pick(verbs)} ${pick(objects)}`)}`);
    if (random() < 0.3) {
      write(style === 'real-world' && goalIndex % 2 === 0 ? '    description: |' : '    description: >-');
      write(`      This goal covers the ${pick(objects)} and the ${pick(objects)}, as the agency's`);
      write(`      strategic plan describes them; progress is reported each fiscal year.`);
    }
    write('    objectives:');
    const objectiveCount = int(2, 4);
    for (let objectiveIndex = 1; objectiveIndex <= objectiveCount && measureIndex < measureCount; objectiveIndex++) {
      write(`      - id: g${goalIndex}-o${objectiveIndex}`);
      write(`        title: ${pick(verbs)} ${pick(objects)}`);
      write('        measures:');
      const perObjective = int(3, 6);
      for (let k = 0; k < perObjective && measureIndex < measureCount; k++) {
        const index = measureIndex++;
        const planted = errorAt.get(index);
        if (random() < 0.15) {
          write(`          # Measure ${index + 1}: reported in the agency's annual performance report.`);
        }
        const thing = pick(counted);
        const qualifier = pick(qualifiers);
        write(`          - id: m${index + 1}`);
        if (random() < 0.1) {
          // Names with ": " must be quoted; real plans have them.
          write(`            name: "Ratio: ${qualifier} ${thing} to those planned"`);
        } else {
          write(`            name: Number of ${qualifier} ${thing}`);
        }
        write(`            unit: ${pick(units)}${style === 'real-world' ? '  # as reported' : ''}`);
        write(`            direction: ${planted === 'enum' ? 'sideways' : pick(directions)}`);
        const source = pick(sources);
        if (style === 'real-world') {
          write(`            data_source: '${source.replace(/'/g, "''")}'`);
        } else if (style === 'anchors') {
          const anchor = sourceAnchors.get(source);
          if (anchor === undefined) {
            sourceAnchors.set(source, `source${sourceAnchors.size + 1}`);
          }
          write(`            data_source: ${anchor === undefined ? `&source${sourceAnchors.size} ${source}` : `*${anchor}`}`);
        } else {
          write(`            data_source: ${source}`);
        }
        if (planted === 'unknown-key') {
          write(`            reporting_frequency: quarterly`);
        }
        const base = int(50, 900);
        const baselineYear = planted === 'wrong-type' ? `"${start - 1}"` : String(start - 1);
        if (style === 'flow') {
          write(`            baseline: {fiscal_year: ${baselineYear},`);
          write(`              value: ${base}}`);
        } else {
          write('            baseline:');
          write(`              fiscal_year: ${baselineYear}`);
          write(`              value: ${base}`);
        }
        const hasTargets = index === editMeasure || random() >= 0.2;
        if (hasTargets) {
          write('            targets:');
          for (let year = start; year <= end; year++) {
            const value = String(base + (year - start + 1) * int(5, 40));
            if (style === 'flow') {
              const line = `              - {fiscal_year: ${year}, value: ${value}}`;
              if (index === editMeasure && year === start) {
                editOffset = length + line.lastIndexOf(value);
                editValue = value;
              }
              write(line);
              continue;
            }
            write(`              - fiscal_year: ${year}`);
            if (index === editMeasure && year === start) {
              editOffset = length + '                value: '.length;
              editValue = value;
            }
            write(`                value: ${value}`);
          }
        } else {
          withoutTargets++;
        }
        if (random() < 0.6) {
          write('            actuals:');
          for (let year = start; year <= Math.min(end, start + 1); year++) {
            write(`              - fiscal_year: ${year}`);
            write(`                value: ${base + int(-20, 60)}`);
            if (random() < 0.1) {
              write(`                explanation: 'Staffing shortfalls in the ${pick(offices)} delayed reviews.'`);
            }
          }
        }
      }
    }
  }
  if (style === 'directive') {
    write('...');
  }
  const text = lines.join(eol) + eol;
  // Same length, different value (the last digit moves on by one): the findings do not change.
  const changed = editValue.slice(0, -1) + String((Number(editValue.slice(-1)) + 1) % 10);
  return {
    text,
    measures: measureCount,
    measuresWithoutTargets: withoutTargets,
    schemaErrors: errorAt.size,
    edit: { offset: editOffset, length: editValue.length, newText: changed },
  };
}

/** Applies the generated edit to the plan's text. */
export function applyEdit(plan: GeneratedPlan): string {
  const { offset, length, newText } = plan.edit;
  return plan.text.slice(0, offset) + newText + plan.text.slice(offset + length);
}
