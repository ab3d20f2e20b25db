import { readFileSync } from 'node:fs';
import { appendVersion, parsePolicy, singleVersionHistory, type PolicyHistory } from '@stageplus/sla-policy';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import { event, keeperWorld, P, policy, T0 } from '../testing/keeper-world';

/** The fast policy corrected: P1 response in 1 s instead of 2, resolution in 8 s instead of 4. */
const correction = parsePolicy(
  readFileSync(FAST_POLICY_PATH, 'utf8')
    .replace('version: test-fast-24x7', 'version: test-fast-fix\nreplaces: test-fast-24x7')
    .replace('P1: { response: PT2S, resolution: PT4S', 'P1: { response: PT1S, resolution: PT8S'),
  'correction.yaml',
);

describe('the timer deciding its open tickets again when a correction of their version arrives', () => {
  it('given a correction at 800 ms, then what it moved earlier fires at once, late, what fired stays fired, and the rest is re-armed', async () => {
    let history: PolicyHistory = singleVersionHistory(policy);
    const w = keeperWorld({ ctx: () => ({ history }) });
    await w.store.restore(P, 'me', []);
    await w.keeper.applyEvents(P, 'me', [event('C1', 'ticket.opened', T0, { impact: 1, urgency: 1 })]);
    await w.runUntil('me', T0 + 800);
    expect(w.fired()).toEqual([]);

    history = appendVersion(history, { policy: correction, publishedAt: T0 + 800 });
    expect(await w.keeper.redecide(P, 'me')).toBe(1);
    expect(w.fired()).toEqual(['C1 response:50@500 late', 'C1 response:75@750 late']);
    expect(w.timers.armed.get('tenant-a|C1')).toBe(T0 + 1000);

    await w.runUntil('me', T0 + 20_000);
    expect(w.fired().slice(2)).toEqual([
      'C1 response:100@1000',
      'C1 response:150@1500',
      'C1 resolution:50@4000',
      'C1 resolution:75@6000',
      'C1 resolution:100@8000',
      'C1 resolution:150@12000',
    ]);
    expect(await w.keeper.redecide(P, 'me')).toBe(0);
  });
});
