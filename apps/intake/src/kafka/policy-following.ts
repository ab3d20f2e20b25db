import type { PolicyFollower } from '@stageplus/sla-policy-feed';
import type { Connectable } from './retrying-connection';

/**
 * The policy follower as a target of `RetryingConnection`: intake starts without Kafka, so unlike
 * the other services it reads the policy history in the background, retried until it is read,
 * and webhooks answer 503 until then.
 */
export function policyFollowing(policies: PolicyFollower, producer: { readonly isConnected: boolean }): Connectable {
  return {
    get isConnected() {
      return policies.ready;
    },
    async connect() {
      // An empty topic gets intake's own policy published, and the follower reports its version on
      // the status topic: both go through the producer, so the history is read once it is connected.
      if (!producer.isConnected) throw new Error('waiting for the Kafka producer');
      try {
        await policies.start();
      } catch (error) {
        // A start that failed half-way may have left its feed following: the next attempt starts afresh.
        await policies.stop().catch(() => undefined);
        throw error;
      }
    },
    disconnect: () => policies.stop(),
  };
}
