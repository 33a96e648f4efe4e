/**
 * A generated plan (bench/generatePlan.ts) rewritten in the styles real plans use, for the parse tests:
 * the same content with CRLF line breaks, behind a `%YAML 1.2` directive, sharing data sources through
 * anchors and aliases, with flow-style targets, or with comments, quotes and block scalars.
 */
import { generatePlan } from '../../bench/generatePlan';

export type PlanStyle = 'plain' | 'crlf' | 'directive' | 'anchors' | 'flow' | 'real-world';

export const planStyles: readonly PlanStyle[] = ['plain', 'crlf', 'directive', 'anchors', 'flow', 'real-world'];

/** A generated plan of `measures` measures in `style`. */
export function styledPlan(measures: number, style: PlanStyle, seed = 1): string {
  return restyle(generatePlan(measures, { seed }).text, style);
}

/** Rewrites a plan in block style (as generatePlan writes it) in `style`. */
export function restyle(text: string, style: PlanStyle): string {
  switch (style) {
    case 'plain':
      return text;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'directive':
      return `%YAML 1.2\n---\n${text}...\n`;
    case 'anchors':
      return shareDataSources(text);
    case 'flow':
      // `- fiscal_year: 2017⏎ value: 12` → `- {fiscal_year: 2017, value: 12}` (entries with more keys stay
      // in block style); baselines become flow mappings over two lines, as hand-written ones often are.
      return text
        .replace(/- fiscal_year: (\d+)\n( +)value: ([^\n]+)(?=\n(?!\2[a-z]))/g, '- {fiscal_year: $1, value: $3}')
        .replace(/baseline:\n( +)fiscal_year: (\d+)\n +value: ([^\n]+)/g, 'baseline: {fiscal_year: $2,\n$1value: $3}');
    case 'real-world':
      return text
        .replace(/^( +)unit: ([^\n]+)$/gm, '$1unit: $2  # as reported')
        .replace(/^( +)title: ([^"\n][^\n]*)$/gm, (_, indent: string, title: string) => `${indent}title: "${title.replace(/"/g, '\\"')}"`)
        .replace(/^( +)data_source: ([^\n]+)$/gm, "$1data_source: '$2'")
        .replace(/description: >-\n/g, 'description: |\n')
        .replace(/^(kind: plan)$/m, '# Plan file kept by the program office.\n$1');
  }
}

/**
 * Gives each distinct `data_source` an anchor where it first appears and makes every later occurrence an
 * alias of it, as a plan that shares its sources would.
 */
export function shareDataSources(text: string): string {
  const anchors = new Map<string, string>();
  return text.replace(/^( +)data_source: ([^\n]+)$/gm, (_, indent: string, source: string) => {
    const known = anchors.get(source);
    if (known) {
      return `${indent}data_source: *${known}`;
    }
    const name = `source${anchors.size + 1}`;
    anchors.set(source, name);
    return `${indent}data_source: &${name} ${source}`;
  });
}
