/**
 * `npm run bench`: Plan Audit's bundled server (`dist/server.js`) against yaml-language-server with the
 * same JSON schema, side by side in one run on the same generated plans, in every YAML style
 * (bench/planStyles.ts), plus the in-process floor, the CLI, and memory. Writes every sample to a JSON
 * file and BENCHMARKS.md from it (report.ts; the method is described at the top of BENCHMARKS.md).
 *
 * Options:
 *   --quick (or PLAN_AUDIT_BENCH_QUICK=1)  sizes 100 and 1,000, 2 runs, fewer documents; writes to bench/results/
 *   --sizes=100,1000,10000   --runs=N (default 5)   --keys=N (typing burst, default 20)
 *   --limit-s=N              a case whose operation takes longer is stopped (default 30)
 *   --no-peer  --no-cli  --no-memory  --no-workspace
 *   --out=FILE               markdown (default BENCHMARKS.md; quick: bench/results/BENCHMARKS.quick.md; `-`: stdout only)
 *   --report=FILE.json       no measuring: writes the markdown from a saved run
 *
 * Servers run one operation at a time (the machine has 2 cores). A full run takes about 20–25 minutes on a
 * quiet machine, most of it yaml-language-server at 10,000 measures (about 9 s per open, edit or typed key).
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { BenchResult, SizeResult } from './benchResult';
import { measureCli } from './cliTiming';
import { measureWorkspace } from './floors';
import { generatePlan } from './generatePlan';
import { measureEditSession, measureOpenClose } from './memory';
import { countChecks, markdown } from './report';
import { goalRows } from './goals';
import { log, peerDebounceMs, root } from './servers';
import { benchSize } from './sizeSession';

interface Options {
  readonly quick: boolean;
  readonly sizes: number[];
  readonly runs: number;
  readonly keys: number;
  readonly analysisRounds: number;
  readonly limitMs: number;
  readonly peer: boolean;
  readonly cli: boolean;
  readonly memory: boolean;
  readonly workspace: boolean;
  readonly openCloseDocuments: number;
  readonly workspaceFiles: number;
  readonly out: string;
  readonly json: string;
  readonly report?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick') || process.env.PLAN_AUDIT_BENCH_QUICK === '1';
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name: string, fallback: number) => (value(name) !== undefined ? Number(value(name)) : fallback);
  const results = path.join(root, 'bench/results');
  const out = value('out') ?? (quick ? path.join(results, 'BENCHMARKS.quick.md') : path.join(root, 'BENCHMARKS.md'));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    quick,
    sizes: (value('sizes') ?? (quick ? '100,1000' : '100,1000,10000')).split(',').map(Number),
    runs: number('runs', quick ? 2 : 5),
    keys: number('keys', 20),
    analysisRounds: quick ? 2 : 5,
    limitMs: number('limit-s', 30) * 1000,
    peer: !argv.includes('--no-peer'),
    cli: !argv.includes('--no-cli'),
    memory: !argv.includes('--no-memory'),
    workspace: !argv.includes('--no-workspace'),
    openCloseDocuments: quick ? 20 : 100,
    workspaceFiles: quick ? 100 : 1000,
    out,
    // The samples go beside a full run's BENCHMARKS.md (committed with it); a quick run's stay in bench/results/.
    json: out !== '-' && !quick && value('out') === undefined ? path.join(root, 'BENCHMARKS.json') : path.join(results, `bench-${stamp}${quick ? '-quick' : ''}.json`),
    report: value('report'),
  };
}

function machine(): Record<string, string> {
  const run = (command: string) => {
    try {
      return execSync(command, { encoding: 'utf8' }).trim();
    } catch {
      return 'n/a';
    }
  };
  const cpu = /^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'n/a';
  const version = (name: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'n/a';
    }
  };
  return {
    nproc: run('nproc'),
    'memory (free -h)': run("free -h | awk '/^Mem:/ {print $2 \" total, \" $7 \" available\"}'"),
    CPU: cpu,
    OS: `${os.type()} ${os.release()}`,
    'Node.js': process.version,
    'load average at the start (1, 5, 15 min)': os.loadavg().map((load) => load.toFixed(2)).join(', '),
    'yaml-language-server': version('yaml-language-server'),
    'yaml (ours)': version('yaml'),
    'yaml (peer)': version('yaml-language-server/node_modules/yaml') !== 'n/a' ? version('yaml-language-server/node_modules/yaml') : version('yaml'),
    'js-yaml': version('js-yaml'),
    ajv: version('ajv'),
    'vscode-languageserver (ours)': version('vscode-languageserver'),
  };
}

async function measure(options: Options): Promise<BenchResult> {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-bench-'));
  // An empty workspace folder: the servers index nothing. Documents get URIs of files that do not
  // exist, so closing them leaves nothing for Plan Audit's disk index to pick up.
  const workspaceDir = path.join(scratch, 'workspace');
  fs.mkdirSync(workspaceDir);
  const workspaceUri = pathToFileURL(workspaceDir).toString();
  const documentsDir = path.join(scratch, 'documents');
  const result: BenchResult = {
    format: 'plan-audit-bench/1',
    date: new Date().toISOString(),
    seconds: 0,
    quick: options.quick,
    runs: options.runs,
    keys: options.keys,
    limitMs: options.limitMs,
    peerDebounceMs,
    recordsHidden: true,
    machine: machine(),
    sizes: [],
  };
  try {
    const skipped = { ours: new Map<string, string>(), peer: new Map<string, string>() };
    for (const measures of options.sizes) {
      const size = await benchSize(measures, { ...options, workspaceUri, documentsDir, skipped });
      result.sizes.push(size);
      // A case that timed out is not run at larger sizes: it would only time out again, one limit each.
      const carry = (into: Map<string, string>, caseKey: string, failure: string | undefined) => {
        if (failure && /timed out/.test(failure) && !into.has(caseKey)) {
          into.set(caseKey, `skipped: timed out at ${measures.toLocaleString('en-US')} measures`);
        }
      };
      for (const style of size.styles) {
        carry(skipped.ours, style.style, style.ours.failure);
        carry(skipped.peer, style.style, style.peer?.failure);
      }
      carry(skipped.ours, 'edit-session', size.typing.ours.failure ?? size.deletion.ours.failure);
      carry(skipped.peer, 'edit-session', size.typing.peer?.failure ?? size.deletion.peer?.failure);
    }
    const largest: SizeResult | undefined = result.sizes.at(-1);
    if (options.cli && largest) {
      const skip = new Map(largest.styles.filter((style) => style.ours.failure).map((style) => [style.style as string, `the server failed at this size`]));
      result.cli = await measureCli(largest.measures, options.runs, path.join(scratch, 'cli'), options.limitMs, skip);
    }
    if (options.memory && largest) {
      result.editSessionMemory = await measureEditSession(workspaceUri, documentsDir, largest.measures, 10, options.limitMs);
      log(`memory: ${options.openCloseDocuments} documents of 1,000 measures opened and closed`);
      result.openCloseMemory = await measureOpenClose(workspaceUri, documentsDir, options.openCloseDocuments, options.limitMs);
    }
    if (options.workspace) {
      log(`workspace: ${options.workspaceFiles} files of 100 measures`);
      const texts = Array.from({ length: options.workspaceFiles }, (_, index) => generatePlan({ measures: 100, seed: 5000 + index }).text);
      result.workspace = measureWorkspace(texts, options.quick ? 2 : 3);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  result.machine['load average at the end (1, 5, 15 min)'] = os.loadavg().map((load) => load.toFixed(2)).join(', ');
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.quick && !options.report && path.resolve(options.out) === path.join(root, 'BENCHMARKS.md')) {
    throw new Error('a quick run is not a measurement: it does not write BENCHMARKS.md (use --out=bench/results/…)');
  }
  let result: BenchResult;
  let source: string;
  if (options.report) {
    source = options.report;
    result = JSON.parse(fs.readFileSync(source, 'utf8')) as BenchResult;
  } else {
    const load = os.loadavg()[0];
    if (!options.quick && load > 1) {
      log(`warning: load average ${load.toFixed(2)} on ${os.cpus().length} cores: other work is running, and the figures will measure it too`);
    }
    result = await measure(options);
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(options.json, `${JSON.stringify(result, null, 1)}\n`);
    log(`wrote ${path.relative(process.cwd(), options.json)}`);
    source = options.json;
  }
  const text = markdown(result, path.relative(root, path.resolve(source)));
  if (options.out === '-') {
    process.stdout.write(`${text}\n`);
  } else {
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${text}\n`);
    log(`wrote ${path.relative(process.cwd(), options.out)}`);
  }
  for (const row of goalRows(result)) {
    log(`goal: ${row.goal}: ${row.measured} (target ${row.target}) → ${row.met}${row.waited ? `; as waited: ${row.waited.measured} → ${row.waited.met}` : ''}`);
  }
  for (const problem of countChecks(result)) {
    log(`check: ${problem}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
