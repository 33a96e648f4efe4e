/**
 * The client's crash policy (client/src/crashPolicy.ts): restart a crashed server, tell the user once,
 * and stop restarting after 5 crashes in 3 minutes. The clock is a variable the test moves.
 */
import * as assert from 'assert';
import { CrashPolicy } from '../../client/src/crashPolicy';

const minute = 60_000;

function policyWithClock(options: { maxCrashes?: number; windowMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const policy = new CrashPolicy({ ...options, now: () => clock.now });
  return { clock, policy };
}

describe('crash policy', () => {
  it('restarts the first crash and tells the user about it', () => {
    const { policy } = policyWithClock();
    assert.deepStrictEqual(policy.onCrash(), { action: 'restart', notify: true });
  });

  it('tells the user once: later crashes in the window restart silently', () => {
    const { clock, policy } = policyWithClock();
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      decisions.push(policy.onCrash());
      clock.now += 10_000;
    }
    assert.deepStrictEqual(decisions, [
      { action: 'restart', notify: true },
      { action: 'restart', notify: false },
      { action: 'restart', notify: false },
      { action: 'restart', notify: false },
    ]);
  });

  it('stops at the fifth crash within 3 minutes', () => {
    const { clock, policy } = policyWithClock();
    for (let i = 0; i < 4; i++) {
      assert.strictEqual(policy.onCrash().action, 'restart');
      clock.now += 40_000; // 4 crashes over 2m40s
    }
    assert.deepStrictEqual(policy.onCrash(), { action: 'stop', crashes: 5 });
  });

  it('keeps restarting when the crashes are spread wider than the window', () => {
    const { clock, policy } = policyWithClock();
    const actions = [];
    for (let i = 0; i < 20; i++) {
      actions.push(policy.onCrash().action);
      clock.now += 50_000; // at most 4 crashes in any 3 minutes
    }
    assert.ok(actions.every((action) => action === 'restart'), actions.join(', '));
  });

  it('counts only crashes inside the window: old ones fall out', () => {
    const { clock, policy } = policyWithClock();
    for (let i = 0; i < 4; i++) policy.onCrash();
    clock.now += 3 * minute; // the four are now exactly 3 minutes old: outside
    assert.deepStrictEqual(policy.onCrash(), { action: 'restart', notify: true });
  });

  it('starts a fresh count after a stop and after reset()', () => {
    const { policy } = policyWithClock();
    for (let i = 0; i < 4; i++) policy.onCrash();
    assert.strictEqual(policy.onCrash().action, 'stop');
    assert.deepStrictEqual(policy.onCrash(), { action: 'restart', notify: true });
    policy.onCrash();
    policy.reset();
    assert.deepStrictEqual(policy.onCrash(), { action: 'restart', notify: true });
  });

  it('honours other limits and describes the window', () => {
    const { policy } = policyWithClock({ maxCrashes: 2, windowMs: 30_000 });
    assert.strictEqual(policy.onCrash().action, 'restart');
    assert.deepStrictEqual(policy.onCrash(), { action: 'stop', crashes: 2 });
    assert.strictEqual(policy.describeWindow(), '30 seconds');
    assert.strictEqual(new CrashPolicy().describeWindow(), '3 minutes');
  });
});
