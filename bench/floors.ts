/**
 * In-process measurements for the benchmark: the floors a language server cannot beat without a faster
 * parser (`yaml.parseDocument` + ajv on the same schema; a bare `js-yaml` load), Plan Audit's own core
 * run in-process (parse paths and the whole per-document analysis), and the workspace summary case.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import * as jsyaml from 'js-yaml';
import { performance } from 'perf_hooks';
import { parseDocument } from 'yaml';
import planSchema from '../schemas/plan.schema.json';
import type { AnalyzedDocument } from '../server/src/core/analyze';
import { analyzeText, auditDocument, auditWorkspace, createAuditContext, defaultAuditSettings } from '../server/src/core/analyze';
import { parseWithYaml } from '../server/src/core/parse';
import { parseLines } from '../server/src/core/parseLines';
import { createAnalysisCache } from '../server/src/core/analysisCache';

/** One analysis cache for the whole run, as the CLI keeps one: the schema validators compile once. */
const cache = createAnalysisCache();

/** Median, min and max of a list of samples. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples };
}

/** Times `run` `runs` times after `warmUps` untimed calls; milliseconds. */
export function timeRuns(run: () => unknown, runs: number, warmUps = 1): Stats {
  for (let index = 0; index < warmUps; index++) {
    run();
  }
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

let validatePlan: ValidateFunction | undefined;

/** `yaml.parseDocument` + `toJS` + ajv (all errors) on the plan schema: what a schema-only server does. */
export function yamlAndAjv(text: string): number {
  validatePlan ??= new Ajv({ allErrors: true, strict: false, logger: false }).compile(planSchema);
  const document = parseDocument(text);
  validatePlan(document.toJS());
  return validatePlan.errors?.length ?? 0;
}

/** A bare `js-yaml` load with its default schema. */
export function jsYamlLoad(text: string): unknown {
  return jsyaml.load(text);
}

/** In-process timings of one document: floors and Plan Audit's core. */
export interface InProcessResult {
  readonly yamlAjv: Stats;
  readonly parseWithYaml: Stats;
  /** The line reader, the path `analyzeText` tries first. */
  readonly parseLines: Stats;
  readonly parseLinesTaken: boolean;
  /** `analyzeText`: parse (whichever path analyze.ts uses) + schema + model. */
  readonly analyzeText: Stats;
  /** `auditDocument` on the analysed document: the rules, severities and exceptions. */
  readonly audit: Stats;
}

export function measureInProcess(text: string, runs: number): InProcessResult {
  const uri = 'file:///bench/in-process.plan.yaml';
  const analyzed = analyzeText(uri, text, { cache });
  const settings = { ...defaultAuditSettings, reviewDate: '2020-01-01' };
  const context = createAuditContext([analyzed], settings, '2020-01-01');
  return {
    yamlAjv: timeRuns(() => yamlAndAjv(text), runs),
    parseWithYaml: timeRuns(() => parseWithYaml(uri, text), runs),
    parseLines: timeRuns(() => parseLines(uri, text), runs),
    parseLinesTaken: parseLines(uri, text) !== undefined,
    analyzeText: timeRuns(() => analyzeText(uri, text, { cache }), runs),
    audit: timeRuns(() => auditDocument(analyzed, context, settings), runs),
  };
}

/** The workspace summary case: analysing and auditing every file, against js-yaml-loading them all. */
export interface WorkspaceResult {
  readonly files: number;
  readonly totalBytes: number;
  readonly jsYamlAll: Stats;
  readonly summaryAll: Stats;
}

export function measureWorkspace(texts: readonly string[], runs: number): WorkspaceResult {
  const uris = texts.map((_, index) => `file:///bench/workspace/plan-${index}.plan.yaml`);
  const summary = () => {
    const documents: AnalyzedDocument[] = texts.map((text, index) => analyzeText(uris[index], text, { cache }));
    return auditWorkspace(documents, { ...defaultAuditSettings, reviewDate: '2020-01-01' }, '2020-01-01');
  };
  // Both sides end holding every file's result (the loaded data; the analyses and findings), as a
  // summary of the workspace must; and the runs alternate, so drift of the machine affects both alike.
  const loadAll = () => texts.map((text) => jsYamlLoad(text));
  const jsYamlSamples: number[] = [];
  const summarySamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    jsYamlSamples.push(timeRuns(loadAll, 1, 0).median);
    summarySamples.push(timeRuns(summary, 1, 0).median);
  }
  return {
    files: texts.length,
    totalBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    jsYamlAll: stats(jsYamlSamples),
    summaryAll: stats(summarySamples),
  };
}
