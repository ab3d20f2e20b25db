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

  /** Follows a consumer's events; `current` false means it was replaced: its events no longer count. */
  follow(consumer: Consumer, now: () => number = Date.now, current: () => boolean = () => true): void {
    consumer.on(consumer.events.REBALANCING, () => current() && (this.outSince ??= now()));
    consumer.on(consumer.events.CRASH, () => current() && (this.outSince ??= now()));
    consumer.on(consumer.events.GROUP_JOIN, () => current() && (this.outSince = null));
  }

  /** Why the member is out of its group for longer than the grace, or null. */
  outOfGroup(now: number): string | null {
    const out = this.outForMs(now);
    if (out === null || out < this.graceMs) return null;
    return `not in its consumer group for ${Math.round(out / 1_000)} s (rebalancing or restarting)`;
  }

  /** How long the member has been out of its group (ms), or null while it is in. */
  outForMs(now: number): number | null {
    return this.outSince === null ? null : now - this.outSince;
  }
}
