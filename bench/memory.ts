/**
 * Memory of Plan Audit's server (RSS from /proc, Linux only):
 *
 * - the edit session: one plan opened, edited and closed alone (its peak is the single-document peak),
 *   then 10 plans opened together, each edited several times, and all closed; RSS after the last close
 *   is compared with the single-document peak;
 * - open and close: many plans opened, diagnosed and closed one after another (the check of issue 6).
 *
 * "After" is the lowest RSS polled for `settleMs` after the last close: V8 returns memory to the system
 * only after a garbage collection, which the server runs on its own once idle.
 */
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import type { EditSessionMemory, OpenCloseMemory } from './benchResult';
import type { GeneratedPlan, TextEdit } from './generatePlan';
import { generatePlan } from './generatePlan';
import type { TimedServer } from './lspTiming';
import { delay, startTimedServer } from './lspTiming';
import { log, ourServer } from './servers';
import { typedText } from './sizeSession';

const settleMs = 10_000;

async function lowestRssWithin(server: TimedServer, ms: number): Promise<number> {
  let lowest = server.memory().rss;
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    await delay(250);
    lowest = Math.min(lowest, server.memory().rss);
  }
  return lowest;
}

/**
 * The edits of one document in the session: the one-number edit three times (change, back, change),
 * five typed keys, then the goal deleted and put back.
 */
function editsOf(plan: GeneratedPlan): TextEdit[] {
  const original = plan.text.substr(plan.edit.offset, plan.edit.length);
  const edits: TextEdit[] = [plan.edit, { ...plan.edit, newText: original }, plan.edit];
  const typed = typedText(5);
  for (let key = 0; key < typed.length; key++) {
    edits.push({ offset: plan.typingOffset + key, length: 0, newText: typed[key] });
  }
  const { offset, length } = plan.goalDeletion;
  if (length > 0) {
    const shifted = plan.typingOffset <= offset ? offset + typed.length : offset;
    edits.push({ offset: shifted, length, newText: '' }, { offset: shifted, length: 0, newText: plan.text.slice(offset, offset + length) });
  }
  return edits;
}

export async function measureEditSession(workspaceUri: string, documentsDir: string, measures: number, documents: number, limitMs: number): Promise<EditSessionMemory> {
  const plans = Array.from({ length: documents }, (_, index) => generatePlan({ measures, seed: 2000 + index }));
  const uri = (name: string) => pathToFileURL(path.join(documentsDir, 'edit-session', `${name}.plan.yaml`)).toString();
  const server = await startTimedServer(ourServer, workspaceUri, limitMs);
  const result: EditSessionMemory = {
    documents,
    measures,
    documentBytes: Math.round(plans.reduce((sum, plan) => sum + Buffer.byteLength(plan.text), 0) / plans.length),
    operationsPerDocument: 1 + editsOf(plans[0]).length,
    coldRss: 0,
    singleDocumentPeak: 0,
    sessionPeak: 0,
    afterRss: 0,
    settleMs,
  };
  try {
    await delay(500);
    result.coldRss = server.memory().rss;
    // Alone first: VmHWM only grows, so this is the peak of one document.
    log(`memory: one plan of ${measures.toLocaleString('en-US')} measures, alone`);
    await server.open(uri('alone'), plans[0].text);
    for (const edit of editsOf(plans[0])) {
      await server.change(uri('alone'), edit);
    }
    await server.close(uri('alone'));
    result.singleDocumentPeak = server.memory().peak;
    await lowestRssWithin(server, 2000);

    log(`memory: ${documents} plans open together, each edited ${editsOf(plans[0]).length} times, then closed`);
    const uris = plans.map((_, index) => uri(`plan-${index}`));
    for (const [index, plan] of plans.entries()) {
      await server.open(uris[index], plan.text);
    }
    const edits = plans.map(editsOf);
    for (let step = 0; step < Math.max(...edits.map((list) => list.length)); step++) {
      for (const [index, list] of edits.entries()) {
        if (step < list.length) {
          await server.change(uris[index], list[step]);
        }
      }
    }
    for (const documentUri of uris) {
      await server.close(documentUri);
    }
    result.afterRss = await lowestRssWithin(server, settleMs);
    result.sessionPeak = server.memory().peak;
  } catch (error) {
    result.failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`memory: the edit session failed: ${result.failure}`);
  } finally {
    await server.stop();
  }
  return result;
}

/** Opens, diagnoses and closes `documents` plans one after another (the check of issue 6). */
export async function measureOpenClose(workspaceUri: string, documentsDir: string, documents: number, limitMs: number): Promise<OpenCloseMemory> {
  const texts = Array.from({ length: documents }, (_, index) => generatePlan({ measures: 1000, seed: 1000 + index }).text);
  const server = await startTimedServer(ourServer, workspaceUri, limitMs);
  try {
    await delay(500);
    const coldRss = server.memory().rss;
    let warmRss = coldRss;
    for (const [index, text] of texts.entries()) {
      const uri = pathToFileURL(path.join(documentsDir, 'open-close', `plan-${index}.plan.yaml`)).toString();
      await server.open(uri, text);
      await server.close(uri);
      if (index === 0) {
        await delay(1000);
        warmRss = server.memory().rss;
      }
    }
    const afterRss = await lowestRssWithin(server, settleMs);
    return {
      documents,
      documentBytes: Math.round(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / texts.length),
      coldRss,
      warmRss,
      peakRss: server.memory().peak,
      afterRss,
      settleMs,
    };
  } finally {
    await server.stop();
  }
}
