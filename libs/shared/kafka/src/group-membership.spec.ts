import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { GroupMembership } from './group-membership';

const events = { REBALANCING: 'consumer.rebalancing', CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' };

describe('a consumer group membership', () => {
  it('is out of its group from the start until the first join, and says so only past the grace', () => {
    let now = 0;
    const consumer = Object.assign(new EventEmitter(), { events });
    const membership = new GroupMembership(10_000, now);
    membership.follow(consumer as unknown as Consumer, () => now);
    expect(membership.outOfGroup(9_999)).toBeNull();
    expect(membership.outOfGroup(12_000)).toBe('not in its consumer group for 12 s (rebalancing or restarting)');
    consumer.emit(events.GROUP_JOIN);
    expect(membership.outOfGroup(12_000)).toBeNull();

    now = 20_000;
    consumer.emit(events.REBALANCING);
    now = 25_000;
    consumer.emit(events.CRASH); // the crash during the rebalance does not restart the count
    expect(membership.outOfGroup(29_000)).toBeNull();
    expect(membership.outOfGroup(31_000)).toMatch(/for 11 s/);
    consumer.emit(events.GROUP_JOIN);
    expect(membership.outOfGroup(31_000)).toBeNull();
  });
});
