/**
 * `npm run bench`: Plan Audit's bundled server (`dist/server.js`) against yaml-language-server with the
 * same JSON schema, side by side in one run on the same generated plans, plus the in-process floors, the
 * memory test (open and close 100 documents of ~600 KB) and the workspace summary case. Writes
 * BENCHMARKS.md (machine, versions, medians with min–max, ratios, goals of issue 6).
 *
 * Options: `--sizes=100,1000,10000` · `--runs=N` (LSP runs per size; default 5) ·
 * `--quick` (sizes 100 and 1,000, 3 runs, 20 memory documents, 100 workspace files) · `--no-peer` ·
 * `--no-memory` · `--no-workspace` · `--out=FILE` (default BENCHMARKS.md; `-` prints only).
 *
 * Runs one server at a time (the machine has 2 cores); a full run takes about 12 minutes.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { AuditSettings } from '../server/src/core/analyze';
import { analyzeText, auditDocument, createAuditContext, defaultAuditSettings } from '../server/src/core/analyze';
import type { InProcessResult, Stats, WorkspaceResult } from './floors';
import { jsYamlLoad, measureInProcess, measureWorkspace, stats, timeRuns } from './floors';
import type { GeneratedPlan } from './generatePlan';
import { generatePlan } from './generatePlan';
import type { MemoryResult, RunResult, ServerSpec } from './lspTiming';
import { measureMemory, measureRun } from './lspTiming';
import { serverExecArgv } from '../client/src/serverRuntime';
import { createAnalysisCache } from '../server/src/core/analysisCache';

/** One analysis cache for the whole run, as the CLI keeps one: the schema validators compile once. */
const cache = createAnalysisCache();

const root = path.resolve(__dirname, '..');
const reviewDate = '2020-01-01';
const settings: AuditSettings = { ...defaultAuditSettings, reviewDate };

interface Options {
  sizes: number[];
  runs?: number;
  peer: boolean;
  memory: boolean;
  memoryDocuments: number;
  workspace: boolean;
  workspaceFiles: number;
  out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return {
    sizes: (value('sizes') ?? (quick ? '100,1000' : '100,1000,10000')).split(',').map(Number),
    runs: value('runs') ? Number(value('runs')) : quick ? 3 : undefined,
    peer: !argv.includes('--no-peer'),
    memory: !argv.includes('--no-memory'),
    memoryDocuments: quick ? 20 : 100,
    workspace: !argv.includes('--no-workspace'),
    workspaceFiles: quick ? 100 : 1000,
    out: value('out') ?? path.join(root, 'BENCHMARKS.md'),
  };
}

const ourServer: ServerSpec = {
  name: 'Plan Audit',
  script: path.join(root, 'dist/server.js'),
  // Started as the extension starts it (client/src/serverRuntime.ts).
  nodeArgs: [...serverExecArgv],
  args: ['--stdio'],
  diagnostics: 'pull',
  settings: { planAudit: { reviewDate } },
  sendConfigurationChange: false,
};

const schemaUri = pathToFileURL(path.join(root, 'schemas/plan.schema.json')).toString();
const peerServer: ServerSpec = {
  name: 'yaml-language-server',
  script: path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'),
  args: ['--stdio'],
  diagnostics: 'push',
  settings: {
    yaml: {
      validate: true,
      hover: false,
      completion: false,
      format: { enable: false },
      schemas: { [schemaUri]: ['*.plan.yaml'] },
      // No network: the schema store and the Kubernetes CRD store are off.
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    },
    http: {},
    '[yaml]': {},
    editor: {},
  },
  sendConfigurationChange: true,
};

/** The diagnostics Plan Audit shows for a text (non-suppressed findings), computed in-process. */
function expectedOurs(uri: string, text: string): number {
  const document = analyzeText(uri, text, { fiscalYearStartMonth: settings.fiscalYearStartMonth, cache });
  const findings = auditDocument(document, createAuditContext([document], settings), settings);
  return findings.filter((finding) => !finding.suppressed).length;
}

interface SizeResult {
  readonly measures: number;
  readonly bytes: number;
  readonly expectedOurs: number;
  readonly expectedPeer: number;
  readonly ours: { open: Stats; edit: Stats; peakRss: Stats };
  readonly peer?: { open: Stats; edit: Stats; peakRss: Stats };
  readonly inProcess: InProcessResult;
  /** A bare js-yaml load of the plan, timed in this process three times right before each Plan Audit run. */
  readonly jsYamlBesideOurs: Stats;
}

function summarize(runs: readonly RunResult[]): { open: Stats; edit: Stats; peakRss: Stats } {
  return {
    open: stats(runs.map((run) => run.openMs)),
    edit: stats(runs.flatMap((run) => run.editMs)),
    peakRss: stats(runs.map((run) => run.peakRss)),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function benchSize(measures: number, options: Options, workspaceUri: string, documentsDir: string): Promise<SizeResult> {
  const plan: GeneratedPlan = generatePlan(measures);
  // A warm-up plan of the same size (another seed), opened and closed three times (once at 10,000
  // measures, where one open runs every function thousands of times): both servers are timed in steady
  // state, their code compiled for documents of this size, as an auditor sees them after a few plans.
  const warm = generatePlan(measures, { seed: 99 });
  const warmUps = measures >= 10_000 ? 1 : 3;
  const warmUp = (run: number) => {
    const uri = pathToFileURL(path.join(documentsDir, `warm-up-${measures}-${run}.plan.yaml`)).toString();
    return uri;
  };
  const documentUri = (name: string, run: number) => pathToFileURL(path.join(documentsDir, `run-${run}`, `${name}-${measures}.plan.yaml`)).toString();
  const expected = expectedOurs(documentUri('plan', 0), plan.text);
  const warmExpected = expectedOurs(warmUp(0), warm.text);
  const original = plan.text.substr(plan.edit.offset, plan.edit.length);
  // Three one-value edits per run: change, change back, change again.
  const edits = [plan.edit, { ...plan.edit, newText: original }, plan.edit];
  // Five runs at every size: at 10,000 measures the open / js-yaml ratio sits near its goal, and three
  // samples of a machine whose speed swings by half were too few for a stable median.
  const runs = options.runs ?? 5;
  const ours: RunResult[] = [];
  const peer: RunResult[] = [];
  // The js-yaml floor is timed right before each run of Plan Audit's server (three loads), as the
  // servers are interleaved: this machine's speed drifts by a third within minutes, and a ratio of
  // samples taken minutes apart would measure the drift.
  const jsYamlSamples: number[] = [];
  jsYamlLoad(plan.text);
  for (let run = 0; run < runs; run++) {
    jsYamlSamples.push(...timeRuns(() => jsYamlLoad(plan.text), 3, 0).samples);
    // Interleaved, so drift of the machine affects both servers alike.
    const result = await measureRun(
      ourServer,
      workspaceUri,
      { uri: warmUp(run), text: warm.text, expected: warmExpected },
      { uri: documentUri('plan', run), text: plan.text, expected },
      edits,
      warmUps,
    );
    ours.push(result);
    log(`${measures} measures, run ${run + 1}/${runs}: Plan Audit open ${result.openMs.toFixed(1)} ms, edits ${result.editMs.map((ms) => ms.toFixed(1)).join('/')} ms`);
    if (options.peer) {
      const peerResult = await measureRun(
        peerServer,
        workspaceUri,
        { uri: warmUp(run), text: warm.text, expected: warm.schemaErrors },
        { uri: documentUri('plan', run), text: plan.text, expected: plan.schemaErrors },
        edits,
        warmUps,
      );
      peer.push(peerResult);
      log(`${measures} measures, run ${run + 1}/${runs}: yaml-language-server open ${peerResult.openMs.toFixed(1)} ms, edits ${peerResult.editMs.map((ms) => ms.toFixed(1)).join('/')} ms`);
    }
  }
  log(`${measures} measures: in-process floors`);
  const inProcess = measureInProcess(plan.text, measures >= 10_000 ? 3 : 7);
  return {
    measures,
    bytes: Buffer.byteLength(plan.text),
    expectedOurs: expected,
    expectedPeer: plan.schemaErrors,
    ours: summarize(ours),
    peer: options.peer ? summarize(peer) : undefined,
    inProcess,
    jsYamlBesideOurs: stats(jsYamlSamples),
  };
}

async function benchMemory(options: Options, workspaceUri: string, documentsDir: string): Promise<MemoryResult> {
  const documents = Array.from({ length: options.memoryDocuments }, (_, index) => ({
    uri: pathToFileURL(path.join(documentsDir, 'memory', `plan-${index}.plan.yaml`)).toString(),
    text: generatePlan(1000, { seed: 1000 + index }).text,
    // Any count: these documents differ and only memory is measured.
    expected: -1,
  }));
  return measureMemory(ourServer, workspaceUri, documents);
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
    'nproc': run('nproc'),
    'memory (free -h)': run("free -h | awk '/^Mem:/ {print $2 \" total, \" $7 \" available\"}'"),
    'CPU': cpu,
    'OS': `${os.type()} ${os.release()}`,
    'Node.js': process.version,
    'yaml-language-server': version('yaml-language-server'),
    'yaml (ours)': version('yaml'),
    'yaml (peer)': version('yaml-language-server/node_modules/yaml') !== 'n/a' ? version('yaml-language-server/node_modules/yaml') : version('yaml'),
    'js-yaml': version('js-yaml'),
    'ajv': version('ajv'),
    'vscode-languageserver (ours)': version('vscode-languageserver'),
  };
}

// ── Markdown ──────────────────────────────────────────────────────────────────────────────────────

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
const range = (s: Stats) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`);
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
const count = (n: number) => n.toLocaleString('en-US');

function markdown(info: Record<string, string>, sizes: readonly SizeResult[], memory: MemoryResult | undefined, workspace: WorkspaceResult | undefined, seconds: number): string {
  const lines: string[] = [];
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    'Produced by `npm run bench` (bench/run.ts); do not edit by hand. Plan Audit\'s bundled server (`dist/server.js`) and',
    'yaml-language-server, configured with the same JSON schema (`schemas/plan.schema.json` through `yaml.schemas`), run one',
    'at a time in one run on the same generated plans (bench/generatePlan.ts: seeded, about 20% of measures without targets,',
    'three planted schema errors). Each LSP run starts a fresh server, opens and closes a warm-up plan of the same size',
    '(another seed; three times, once at 10,000 measures) so both are timed in steady state, then times didOpen → the',
    'first diagnostics holding the expected count, and three one-value didChange edits → the next such diagnostics.',
    'Plan Audit is asked with `textDocument/diagnostic` (pull, with the last result id, as VS Code asks) right after each',
    'notification; yaml-language-server publishes on its own (push, after its fixed 200 ms delay). Times are medians',
    '(min–max).',
  );
  lines.push('');
  lines.push(`Run on ${new Date().toISOString().slice(0, 10)} in ${Math.round(seconds)} s.`);
  lines.push('');
  lines.push('| machine / version | |');
  lines.push('|---|---|');
  for (const [key, value] of Object.entries(info)) {
    lines.push(`| ${key} | ${value} |`);
  }
  lines.push('');
  lines.push('## Latency and memory, side by side');
  lines.push('');
  lines.push('| measures (file) | diagnostics ours / peer | Plan Audit open | Plan Audit edit | peer open | peer edit | open peer/ours | edit peer/ours | peak RSS ours / peer |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const s of sizes) {
    const peer = s.peer;
    lines.push(
      `| ${count(s.measures)} (${size(s.bytes)}) | ${s.expectedOurs} / ${s.expectedPeer} | ${range(s.ours.open)} | ${range(s.ours.edit)} | ${peer ? range(peer.open) : '–'} | ${peer ? range(peer.edit) : '–'} | ${peer ? ratio(peer.open.median, s.ours.open.median) : '–'} | ${peer ? ratio(peer.edit.median, s.ours.edit.median) : '–'} | ${mib(s.ours.peakRss.median)} / ${peer ? mib(peer.peakRss.median) : '–'} |`,
    );
  }
  lines.push('');
  lines.push('## In-process floors (same files, one process, medians)');
  lines.push('');
  lines.push(
    'The bare `js-yaml` load is timed in the bench process right before each run of Plan Audit\'s server (three loads per run),',
    'so that the ratio server open / `js-yaml` compares samples taken a few seconds apart; the other columns are timed after',
    'the LSP runs.',
  );
  lines.push('');
  lines.push(
    '| measures | `yaml.parseDocument` + ajv | bare `js-yaml` load | ours: `parseWithYaml` | ours: `parseLines` | ours: `analyzeText` (parse, schema, model) | ours: `auditDocument` (rules) | server open / `js-yaml` | server open / `yaml`+ajv |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const s of sizes) {
    const p = s.inProcess;
    lines.push(
      `| ${count(s.measures)} | ${range(p.yamlAjv)} | ${range(s.jsYamlBesideOurs)} | ${range(p.parseWithYaml)} | ${range(p.parseLines)}${p.parseLinesTaken ? '' : ' (fell back)'} | ${range(p.analyzeText)} | ${range(p.audit)} | ${ratio(s.ours.open.median, s.jsYamlBesideOurs.median)} | ${ratio(s.ours.open.median, p.yamlAjv.median)} |`,
    );
  }
  if (memory) {
    lines.push('');
    lines.push('## Memory: open and close documents');
    lines.push('');
    lines.push(
      `Plan Audit's server opens, diagnoses and closes ${memory.documents} different plans of ${size(memory.documentBytes)} each (1,000 measures), one after another. `
        + `"After" is the lowest RSS within ${memory.settleMs / 1000} s of the last close. The server runs with \`${serverExecArgv.join(' ')}\`, as the `
        + 'extension starts it, and collects garbage a second after a large document closes.',
    );
    lines.push('');
    lines.push('| cold (after initialize) | warm (first document closed) | peak | after the last close | after / warm | after / cold |');
    lines.push('|---|---|---|---|---|---|');
    lines.push(
      `| ${mib(memory.coldRss)} | ${mib(memory.warmRss)} | ${mib(memory.peakRss)} | ${mib(memory.afterRss)} | ${ratio(memory.afterRss, memory.warmRss)} | ${ratio(memory.afterRss, memory.coldRss)} |`,
    );
  }
  if (workspace) {
    lines.push('');
    lines.push('## Workspace summary (in-process core)');
    lines.push('');
    lines.push(
      `${count(workspace.files)} plan files of 100 measures (${size(workspace.totalBytes)} in all): \`analyzeText\` on each and \`auditWorkspace\`, against a bare \`js-yaml\` load of every file. Both keep every file's result until the run ends; the runs alternate.`,
    );
    lines.push('');
    lines.push('| `js-yaml` load of all | analyse + audit all | ratio |');
    lines.push('|---|---|---|');
    lines.push(`| ${range(workspace.jsYamlAll)} | ${range(workspace.summaryAll)} | ${ratio(workspace.summaryAll.median, workspace.jsYamlAll.median)} |`);
  }
  lines.push('');
  lines.push('## Goals of issue 6');
  lines.push('');
  lines.push('| goal | target | measured | met |');
  lines.push('|---|---|---|---|');
  const goal = (name: string, target: string, value: number | undefined, ok: (value: number) => boolean, format: (value: number) => string) =>
    lines.push(`| ${name} | ${target} | ${value === undefined ? 'not measured' : format(value)} | ${value === undefined ? '–' : ok(value) ? 'yes' : 'no'} |`);
  const times = (value: number) => `${value.toFixed(value >= 10 ? 0 : 2)}×`;
  for (const s of sizes) {
    const target = s.measures >= 10_000 ? 50 : 10;
    goal(`edit latency, ${count(s.measures)} measures (peer/ours)`, `≥ ${target}×`, s.peer && s.peer.edit.median / s.ours.edit.median, (v) => v >= target, times);
  }
  for (const s of sizes) {
    goal(`open latency, ${count(s.measures)} measures (peer/ours)`, '≥ 5×', s.peer && s.peer.open.median / s.ours.open.median, (v) => v >= 5, times);
  }
  const largest = sizes.find((s) => s.measures >= 10_000);
  goal('open latency, 10,000 measures (ours / bare js-yaml load)', '≤ 1.5×', largest && largest.ours.open.median / largest.jsYamlBesideOurs.median, (v) => v <= 1.5, times);
  goal('workspace summary (ours / js-yaml load of all)', '≤ 2×', workspace && workspace.summaryAll.median / workspace.jsYamlAll.median, (v) => v <= 2, times);
  goal('peak RSS, 10,000 measures (ours/peer)', '≤ 0.5×', largest?.peer && largest.ours.peakRss.median / largest.peer.peakRss.median, (v) => v <= 0.5, times);
  goal('RSS after closing the documents (after / warm)', '≤ 1.2×', memory && memory.afterRss / memory.warmRss, (v) => v <= 1.2, times);
  lines.push('');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-audit-bench-'));
  // An empty workspace folder: the servers index nothing. Documents get URIs of files that do not
  // exist, so closing them leaves nothing for Plan Audit's disk index to pick up.
  const workspaceDir = path.join(scratch, 'workspace');
  fs.mkdirSync(workspaceDir);
  const workspaceUri = pathToFileURL(workspaceDir).toString();
  const documentsDir = path.join(scratch, 'documents');
  try {
    const sizes: SizeResult[] = [];
    for (const measures of options.sizes) {
      sizes.push(await benchSize(measures, options, workspaceUri, documentsDir));
    }
    let memory: MemoryResult | undefined;
    if (options.memory) {
      log(`memory: ${options.memoryDocuments} documents of 1,000 measures`);
      memory = await benchMemory(options, workspaceUri, documentsDir);
    }
    let workspace: WorkspaceResult | undefined;
    if (options.workspace) {
      log(`workspace: ${options.workspaceFiles} files of 100 measures`);
      const texts = Array.from({ length: options.workspaceFiles }, (_, index) => generatePlan(100, { seed: 5000 + index }).text);
      workspace = measureWorkspace(texts, 5);
    }
    const text = markdown(machine(), sizes, memory, workspace, (Date.now() - started) / 1000);
    process.stdout.write(`${text}\n`);
    if (options.out !== '-') {
      fs.writeFileSync(options.out, text);
      log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
