/**
 * In-process measurements: the floor (a bare `js-yaml` load, the fastest YAML loader in the dependency
 * tree; it builds plain objects, no positions, no checks), Plan Audit's whole per-document analysis run in
 * the bench process, and the workspace summary case.
 *
 * `analyzeAndAudit` is the only place the bench calls the core, so a change of the core's entry points
 * is one edit here.
 */
import * as jsyaml from 'js-yaml';
import { performance } from 'perf_hooks';
import type { AnalyzedDocument } from '../server/src/core/analyze';
import { createAnalysisCache } from '../server/src/core/analysisCache';
import { analyzeText, auditDocument, auditWorkspace, createAuditContext, defaultAuditSettings } from '../server/src/core/analyze';
import type { WorkspaceResult } from './benchResult';
import { reviewDate } from './servers';

const settings = { ...defaultAuditSettings, reviewDate };
/** The compiled schema validators, made once as the server makes them once for its workspace. */
const { schemaValidators } = createAnalysisCache();

/** Median, min and max of a list of samples. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export function stats(samples: readonly number[]): Stats | undefined {
  if (samples.length === 0) {
    return undefined;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], count: sorted.length };
}

/** Milliseconds one call of `run` takes. */
export function timeOnce(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** A bare `js-yaml` load with its default schema. */
export function jsYamlLoad(text: string): unknown {
  return jsyaml.load(text);
}

/**
 * Plan Audit's analysis of one document as the server runs it when the document opens (parse, schema,
 * model, rules; a new per-document cache with per-unit results, the validators shared); findings shown.
 */
export function analyzeAndAudit(uri: string, text: string): number {
  const document = analyzeText(uri, text, { cache: createAnalysisCache({ schemaValidators, reuseUnits: true }) });
  const findings = auditDocument(document, createAuditContext([document], settings, reviewDate), settings);
  return findings.filter((finding) => !finding.suppressed).length;
}

/**
 * Alternates `rounds` warm `js-yaml` loads and analyses of `text` (after one untimed call of each) and
 * appends the samples; returns the number of findings.
 */
export function measureAnalysis(uri: string, text: string, rounds: number, jsYaml: number[], analysis: number[]): number {
  jsYamlLoad(text);
  const count = analyzeAndAudit(uri, text);
  for (let round = 0; round < rounds; round++) {
    jsYaml.push(timeOnce(() => jsYamlLoad(text)));
    analysis.push(timeOnce(() => analyzeAndAudit(uri, text)));
  }
  return count;
}

/** The workspace summary case: analysing and auditing every file, against js-yaml-loading them all. */
export function measureWorkspace(texts: readonly string[], runs: number): WorkspaceResult {
  const uris = texts.map((_, index) => `file:///bench/workspace/plan-${index}.plan.yaml`);
  const summary = () => {
    // One cache for the run, without per-unit results, as the CLI keeps one.
    const cache = createAnalysisCache({ schemaValidators });
    const documents: AnalyzedDocument[] = texts.map((text, index) => analyzeText(uris[index], text, { cache }));
    return auditWorkspace(documents, settings, reviewDate);
  };
  // Both sides end holding every file's result (the loaded data; the analyses and findings), as a
  // summary of the workspace must; and the runs alternate, so drift of the machine affects both alike.
  const loadAll = () => texts.map((text) => jsYamlLoad(text));
  const jsYamlAll: number[] = [];
  const summaryAll: number[] = [];
  for (let run = 0; run < runs; run++) {
    jsYamlAll.push(timeOnce(loadAll));
    summaryAll.push(timeOnce(summary));
  }
  return { files: texts.length, totalBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0), jsYamlAll, summaryAll };
}
