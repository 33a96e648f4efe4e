/**
 * The command line on every style: `node dist/cli.js check <plan>` on the largest plan, timed from spawn
 * to exit (the whole process: Node.js start, bundle load, read, analysis, printing). The styles alternate
 * within each run, so drift of the machine affects them alike.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { CliResult } from './benchResult';
import { generatePlan, planStyles } from './generatePlan';
import { log, reviewDate, root } from './servers';

/** Runs the CLI on `file`; resolves to the milliseconds it took, rejects on a crash, bad usage or the limit. */
function timeCheck(file: string, limitMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const start = performance.now();
    // Output goes to a pipe that is read and dropped, as when the CLI runs in CI.
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), 'check', file, '--review-date', reviewDate], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('exit', (code, signal) => {
      const elapsed = performance.now() - start;
      clearTimeout(timer);
      // 0: no error-level finding; 1: some (the generated plans have them). Anything else is a failure.
      if (code === 0 || code === 1) {
        resolve(elapsed);
      } else {
        reject(new Error(signal === 'SIGKILL' ? `timed out after ${limitMs} ms` : `exit code ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
      }
    });
  });
}

export async function measureCli(measures: number, runs: number, directory: string, limitMs: number, skip: ReadonlyMap<string, string>): Promise<CliResult> {
  fs.mkdirSync(directory, { recursive: true });
  const cases = planStyles.map((style) => {
    const file = path.join(directory, `cli-${style}-${measures}.plan.yaml`);
    fs.writeFileSync(file, generatePlan({ measures, style }).text);
    const skipped = skip.get(style);
    return { style, file, samples: [] as number[], failure: skipped ? `skipped: ${skipped}` : undefined };
  });
  // One untimed run: the bundle and the file are in the page cache for every timed run alike.
  await timeCheck(cases[0].file, limitMs).catch(() => undefined);
  for (let run = 0; run < runs; run++) {
    const line: string[] = [];
    for (const entry of cases) {
      if (entry.failure) {
        continue;
      }
      try {
        entry.samples.push(await timeCheck(entry.file, limitMs));
        line.push(`${entry.style} ${entry.samples.at(-1)!.toFixed(0)} ms`);
      } catch (error) {
        entry.failure = error instanceof Error ? error.message : String(error);
        line.push(`${entry.style} failed (${entry.failure})`);
      }
    }
    log(`CLI check, ${measures} measures, run ${run + 1}/${runs}: ${line.join(', ')}`);
  }
  return { measures, styles: cases.map(({ style, samples, failure }) => ({ style, samples, failure })) };
}
