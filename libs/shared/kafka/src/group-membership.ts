import type { Consumer } from 'kafkajs';

/**
 * Whether a consumer is a member of its group now, and since when it is not: from kafkajs's
 * events, between a rebalance (or a crash it restarts from) and the next join. A rebalance takes
 * seconds; one that lasts longer than `graceMs` means the member consumes nothing: readiness
 * says so (a crash for good is `KafkaBatchServer.fatalCrash`, not this).
 */
export class GroupMembership {
  private outSince: number | null;

  constructor(
    private readonly graceMs: number,
    now: number,
  ) {
    this.outSince = now;
  }

  follow(consumer: Consumer, now: () => number = Date.now): void {
    consumer.on(consumer.events.REBALANCING, () => (this.outSince ??= now()));
    consumer.on(consumer.events.CRASH, () => (this.outSince ??= now()));
    consumer.on(consumer.events.GROUP_JOIN, () => (this.outSince = null));
  }

  /** Why the member is out of its group for longer than the grace, or null. */
  outOfGroup(now: number): string | null {
    if (this.outSince === null || now - this.outSince < this.graceMs) return null;
    return `not in its consumer group for ${Math.round((now - this.outSince) / 1_000)} s (rebalancing or restarting)`;
  }
}
