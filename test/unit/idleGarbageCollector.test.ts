/**
 * The idle garbage collector (server/src/idleGarbageCollector.ts): its collections, then the rehearsal
 * that re-optimizes the analysis, stopped by document activity; and the sample the rehearsal analyses.
 * The idle time is shortened to a few milliseconds; every wait is for an event the collector causes.
 */
import * as assert from 'assert';
import { IdleGarbageCollector, rehearsalText } from '../../server/src/idleGarbageCollector';

/** Resolves after the timers due now have run (a timer set later fires after earlier ones of the same delay). */
const afterPendingTimers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('idle garbage collector', () => {
  it('runs the collections, then the rehearsal the given number of times, in that order', async () => {
    const events: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const collector = new IdleGarbageCollector(() => events.push('collect'), 4, 2);
    collector.collectWhenIdle(3, () => {
      events.push('rehearse');
      if (events.filter((event) => event === 'rehearse').length === 4) {
        done();
      }
    });
    await finished;
    await afterPendingTimers();
    assert.deepStrictEqual(events, ['collect', 'collect', 'collect', 'rehearse', 'rehearse', 'rehearse', 'rehearse']);
  });

  it('stops the rehearsal on document activity and forgets its sample', async () => {
    let collections = 0;
    let rehearsals = 0;
    let collected!: () => void;
    let rehearsed!: () => void;
    const secondCollection = new Promise<void>((resolve) => (collected = resolve));
    const secondRehearsal = new Promise<void>((resolve) => (rehearsed = resolve));
    const collector = new IdleGarbageCollector(
      () => {
        collections++;
        if (collections === 2) {
          collected();
        }
      },
      10,
      2,
    );
    collector.collectWhenIdle(1, () => {
      rehearsals++;
      if (rehearsals === 2) {
        collector.postpone();
        rehearsed();
      }
    });
    await secondRehearsal;
    // A later close without a sample collects again; the stopped rehearsal does not come back with it.
    collector.collectWhenIdle(1);
    await secondCollection;
    await afterPendingTimers();
    await afterPendingTimers();
    assert.strictEqual(rehearsals, 2);
  });

  it('postpones a pending collection on activity', async () => {
    const events: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const collector = new IdleGarbageCollector(
      () => {
        events.push('collect');
        done();
      },
      0,
      20,
    );
    collector.collectWhenIdle(1);
    setTimeout(() => {
      events.push('activity');
      collector.postpone();
    }, 10);
    await finished;
    assert.deepStrictEqual(events, ['activity', 'collect']);
  });

  it('stops a rehearsal that throws without letting the error escape', async () => {
    let collections = 0;
    let rehearsals = 0;
    let done!: () => void;
    const secondCollection = new Promise<void>((resolve) => (done = resolve));
    const collector = new IdleGarbageCollector(
      () => {
        collections++;
        if (collections === 2) {
          done();
        }
      },
      5,
      2,
    );
    collector.collectWhenIdle(1, () => {
      rehearsals++;
      // The next close's collection starts the countdown again; this rehearsal must not run on.
      collector.collectWhenIdle(1);
      throw new Error('analysis failed');
    });
    await secondCollection;
    await afterPendingTimers();
    assert.strictEqual(rehearsals, 1);
  });

  it('schedules nothing without a collector', () => {
    const collector = new IdleGarbageCollector(undefined, 3, 1);
    collector.collectWhenIdle(3, () => assert.fail('rehearsed without collections'));
    collector.postpone();
  });

  it('samples the first lines of a large text, whole lines only, and a small text whole', () => {
    const line = 'measures: - id: m1   title: a measure of its own\n';
    const large = line.repeat(5000);
    const sample = rehearsalText(large);
    assert.ok(sample.length <= 64 * 1024 && sample.length > 60 * 1024, `sample length ${sample.length}`);
    assert.ok(sample.endsWith('\n'));
    assert.strictEqual(large.slice(0, sample.length), sample);
    assert.strictEqual(rehearsalText('goals: []\n'), 'goals: []\n');
  });
});
