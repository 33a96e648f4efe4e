/**
 * Everything the bench measures at one plan size, with both servers running side by side:
 *
 * 1. the style matrix: each run opens the plan of every style, makes the one-number edit and closes it,
 *    on one server then the other (which goes first alternates), with a warm `js-yaml` load of the same
 *    text in the bench process just before;
 * 2. the typing burst (plain style): `keys` characters typed one at a time into a measure's name, the
 *    servers alternating key by key, each key timed to its diagnostics;
 * 3. deleting a goal (plain style): one edit that removes a whole goal, then one that puts it back,
 *    alternately, `runs` times;
 * 4. in-process, once the servers are stopped: warm `js-yaml` loads and analyses of every style's text.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DeletionResult, ServerCase, SizeResult, StyleResult, TypingResult } from './benchResult';
import { analyzeAndAudit, jsYamlLoad, measureAnalysis, timeOnce } from './floors';
import type { GeneratedPlan, TextEdit } from './generatePlan';
import { generatePlan, planStyles } from './generatePlan';
import type { TimedServer } from './lspTiming';
import { quiesce } from './lspTiming';
import type { WarmUpDocument } from './servers';
import { log, ourServer, peerServer, ServerSlot } from './servers';

export interface SessionOptions {
  readonly runs: number;
  /** Characters in the typing burst. */
  readonly keys: number;
  /** Warm in-process rounds per style (each one `js-yaml` load and one analysis). */
  readonly analysisRounds: number;
  readonly peer: boolean;
  readonly limitMs: number;
  readonly workspaceUri: string;
  readonly documentsDir: string;
  /**
   * Cases (a style, `edit-session`) that timed out at a smaller size, per server, with the reason: they
   * are not run again (a larger plan takes at least as long), and count as timed out here too.
   */
  readonly skipped?: { readonly ours: ReadonlyMap<string, string>; readonly peer: ReadonlyMap<string, string> };
}

/** Typed into a measure's name: letters and spaces only, so every intermediate text is a valid plan. */
export function typedText(keys: number): string {
  const phrase = ' and quarterly check';
  return phrase.repeat(Math.ceil(keys / phrase.length)).slice(0, keys);
}

const ms = (value: number) => `${value.toFixed(value >= 100 ? 0 : 1)} ms`;

export async function benchSize(measures: number, options: SessionOptions): Promise<SizeResult> {
  const documentUri = (name: string) => pathToFileURL(path.join(options.documentsDir, `${measures}`, `${name}.plan.yaml`)).toString();
  const plans = planStyles.map((style) => generatePlan({ measures, style }));
  const plain = plans[0];

  // Warm-up: every style at up to 1,000 measures (twice below 10,000), then the plain style at this size
  // (another seed), so each server runs compiled code for every style and for documents of this size.
  const warmUpMeasures = Math.min(measures, 1000);
  const warmUps: WarmUpDocument[] = [];
  for (let round = 0; round < (measures >= 10_000 ? 1 : 2); round++) {
    for (const style of planStyles) {
      warmUps.push({ caseKey: style, uri: documentUri(`warm-up-${style}-${round}`), text: generatePlan({ measures: warmUpMeasures, seed: 99, style }).text });
    }
  }
  if (measures > warmUpMeasures) {
    warmUps.push({ caseKey: 'plain', uri: documentUri('warm-up-plain-full'), text: generatePlan({ measures, seed: 99 }).text });
  }
  const ours = new ServerSlot(ourServer, options.workspaceUri, options.limitMs, warmUps, options.skipped?.ours);
  const peer = options.peer ? new ServerSlot(peerServer, options.workspaceUri, options.limitMs, warmUps, options.skipped?.peer) : undefined;
  // Before each timed operation, both servers are let finish what the last one left (garbage collection).
  const settle = (next?: ServerSlot) => quiesce([ours.running, peer?.running], next?.running);
  // The peer first, then Plan Audit, every time: Plan Audit's idle work after a close (see servers.ts)
  // then mostly runs while the peer is timed on the other core, instead of being waited for.
  const slots = () => [peer, ours].filter((slot): slot is ServerSlot => slot !== undefined);

  const styles: StyleResult[] = plans.map((plan) => ({
    style: plan.style,
    bytes: Buffer.byteLength(plan.text),
    ours: { open: [], edit: [], peakRss: [] },
    peer: peer ? { open: [], edit: [], peakRss: [] } : undefined,
    jsYaml: [],
    analysis: [],
  }));
  for (const plan of plans) {
    jsYamlLoad(plan.text);
    jsYamlLoad(plan.text);
  }
  const typing: TypingResult = { text: typedText(options.keys), ours: { samples: [] }, peer: peer ? { samples: [] } : undefined };
  const deletion: DeletionResult = {
    measuresRemoved: plain.goalDeletion.measuresRemoved,
    ours: { deletion: [], restore: [] },
    peer: peer ? { deletion: [], restore: [] } : undefined,
    expectedPeer: plain.schemaErrors - plain.goalDeletion.schemaErrorsRemoved,
  };
  try {
    log(`${measures} measures: starting and warming up the servers`);
    await ours.start();
    await peer?.start();

    for (let run = 0; run < options.runs; run++) {
      for (const [index, plan] of plans.entries()) {
        const result = styles[index];
        await settle();
        result.jsYaml.push(timeOnce(() => jsYamlLoad(plan.text)));
        const line: string[] = [];
        for (const slot of slots()) {
          const target = slot === ours ? result.ours : result.peer!;
          await settle(slot);
          await slot.attempt(plan.style, async (server) => {
            const uri = documentUri(`${plan.style}-${run}`);
            server.resetPeak();
            target.open.push(await server.open(uri, plan.text));
            target.edit.push(await server.change(uri, plan.edit));
            target.peakRss.push(server.memory().peak);
            await server.close(uri);
            line.push(`${slot.spec.name} ${ms(target.open.at(-1)!.ms)} / ${ms(target.edit.at(-1)!.ms)}`);
          });
          target.failure = slot.failure(plan.style);
          target.failedAfterMs = slot.failedAfterMs(plan.style);
        }
        log(`${measures} measures, run ${run + 1}/${options.runs}, ${plan.style}: open / edit: ${line.join('; ') || 'skipped'}`);
      }
    }

    await editSession(plain, documentUri('edit-session'), options, slots, ours, settle, typing, deletion);
  } finally {
    await ours.stop();
    await peer?.stop();
  }

  log(`${measures} measures: in-process js-yaml loads and analyses`);
  for (const [index, plan] of plans.entries()) {
    const result = styles[index];
    if (result.ours.failure) {
      result.analysisSkipped = `the server failed: ${result.ours.failure}`;
      continue;
    }
    result.analysisCount = measureAnalysis(`file:///bench/in-process-${plan.style}.plan.yaml`, plan.text, options.analysisRounds, result.jsYaml, result.analysis);
  }
  if (!typing.ours.failure && typing.ours.samples.length > 0) {
    const typed = insertAt(plain.text, plain.typingOffset, typing.text);
    typing.expectedOurs = analyzeAndAudit('file:///bench/in-process-typed.plan.yaml', typed);
    if (!deletion.ours.failure && deletion.ours.deletion.length > 0) {
      const edit = shiftedDeletion(plain, typing.text.length);
      deletion.expectedOurs = analyzeAndAudit('file:///bench/in-process-deleted.plan.yaml', typed.slice(0, edit.offset) + typed.slice(edit.offset + edit.length));
    }
  }
  return { measures, styles, typing, deletion, expectedPeer: plain.schemaErrors };
}

const insertAt = (text: string, offset: number, inserted: string) => text.slice(0, offset) + inserted + text.slice(offset);

/** The goal deletion of the plain plan once the typed text is in (it moves the goal when typed before it). */
function shiftedDeletion(plan: GeneratedPlan, typed: number): TextEdit {
  const { offset, length } = plan.goalDeletion;
  return { offset: plan.typingOffset <= offset ? offset + typed : offset, length, newText: '' };
}

/** The typing burst, then the goal deletions, on one open plain plan per server. */
async function editSession(
  plan: GeneratedPlan,
  uri: string,
  options: SessionOptions,
  slots: () => ServerSlot[],
  ours: ServerSlot,
  settle: (next?: ServerSlot) => Promise<void>,
  typing: TypingResult,
  deletion: DeletionResult,
): Promise<void> {
  const caseKey = 'edit-session';
  const measures = plan.measures;
  for (const slot of slots()) {
    await settle(slot);
    await slot.attempt(caseKey, (server) => server.open(uri, plan.text));
  }
  const typingCase = (slot: ServerSlot): ServerCase => (slot === ours ? typing.ours : typing.peer!);
  for (let key = 0; key < typing.text.length; key++) {
    for (const slot of slots()) {
      await settle(slot);
      await slot.attempt(caseKey, async (server) => {
        typingCase(slot).samples.push(await server.change(uri, { offset: plan.typingOffset + key, length: 0, newText: typing.text[key] }));
      });
    }
  }
  for (const slot of slots()) {
    typingCase(slot).failure = slot.failure(caseKey);
    typingCase(slot).failedAfterMs = slot.failedAfterMs(caseKey);
    const samples = typingCase(slot).samples.map((sample) => sample.ms);
    if (samples.length > 0) {
      log(`${measures} measures, typing ${samples.length} keys: ${slot.spec.name} ${ms(Math.min(...samples))} to ${ms(Math.max(...samples))} per key`);
    }
  }

  const deleting = shiftedDeletion(plan, typing.text.length);
  const deleted = plan.text.slice(plan.goalDeletion.offset, plan.goalDeletion.offset + plan.goalDeletion.length);
  const restoring: TextEdit = { offset: deleting.offset, length: 0, newText: deleted };
  const deletionCase = (slot: ServerSlot) => (slot === ours ? deletion.ours : deletion.peer!);
  for (let run = 0; run < options.runs; run++) {
    const line: string[] = [];
    for (const slot of slots()) {
      if (deleting.length === 0) {
        deletionCase(slot).failure = 'the plan has no goal that can be deleted';
        continue;
      }
      await settle(slot);
      await slot.attempt(caseKey, async (server: TimedServer) => {
        const target = deletionCase(slot);
        target.deletion.push(await server.change(uri, deleting));
        target.restore.push(await server.change(uri, restoring));
        line.push(`${slot.spec.name} ${ms(target.deletion.at(-1)!.ms)} / ${ms(target.restore.at(-1)!.ms)}`);
      });
      deletionCase(slot).failure ??= slot.failure(caseKey) && (typingCase(slot).failure ? `skipped: the typing burst failed` : slot.failure(caseKey));
      if (!typingCase(slot).failure) {
        deletionCase(slot).failedAfterMs ??= slot.failedAfterMs(caseKey);
      }
    }
    log(`${measures} measures, run ${run + 1}/${options.runs}, delete a goal / put it back: ${line.join('; ') || 'skipped'}`);
  }
  for (const slot of slots()) {
    await slot.attempt(caseKey, (server) => server.close(uri));
  }
}
