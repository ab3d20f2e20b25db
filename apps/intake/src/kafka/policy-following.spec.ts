import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import { policyFollowing } from './policy-following';

/** A follower whose start fails `failures` times, half-way (its feed started), then succeeds. */
function follower(failures: number) {
  const calls: string[] = [];
  let ready = false;
  const fake = {
    get ready() {
      return ready;
    },
    start: async () => {
      calls.push('start');
      if (calls.filter((c) => c === 'start').length <= failures) throw new Error('the broker went away');
      ready = true;
    },
    stop: async () => void calls.push('stop'),
  };
  return { policies: fake as unknown as PolicyFollower, calls };
}

describe('following the policy as a connection retried in the background', () => {
  it('does not start before the producer is connected: the first version and the status go through it', async () => {
    const { policies, calls } = follower(0);
    await expect(policyFollowing(policies, { isConnected: false }).connect()).rejects.toThrow('waiting for the Kafka producer');
    expect(calls).toEqual([]);
  });

  it('stops a start that failed half-way, so that the next attempt starts afresh, and is connected once read', async () => {
    const { policies, calls } = follower(1);
    const following = policyFollowing(policies, { isConnected: true });
    await expect(following.connect()).rejects.toThrow('the broker went away');
    expect(following.isConnected).toBe(false);
    await following.connect();
    expect(following.isConnected).toBe(true);
    expect(calls).toEqual(['start', 'stop', 'start']);
  });
});
