import { replicationFor, systemTopics } from './system-topics';

describe('how many replicas a topic gets (replicationFor)', () => {
  it('gives one replica per broker up to 3, and min.insync.replicas half of them rounded up', () => {
    expect(replicationFor(1)).toEqual({ factor: 1, minInSync: 1 });
    expect(replicationFor(2)).toEqual({ factor: 2, minInSync: 1 });
    expect(replicationFor(3)).toEqual({ factor: 3, minInSync: 2 });
    expect(replicationFor(6)).toEqual({ factor: 3, minInSync: 2 });
  });

  it('takes an explicit factor (KAFKA_REPLICATION_FACTOR) over the broker count', () => {
    expect(replicationFor(3, 1)).toEqual({ factor: 1, minInSync: 1 });
    expect(replicationFor(5, 5)).toEqual({ factor: 5, minInSync: 3 });
  });

  it('lets systemTopics carry a factor, and leaves it to the cluster otherwise', () => {
    expect(systemTopics({ ticketEvents: 'e' }, { replicationFactor: 2 }).map((s) => s.replicationFactor)).toEqual([2, 2]);
    expect(systemTopics({ ticketEvents: 'e' }).map((s) => s.replicationFactor)).toEqual([undefined, undefined]);
  });

  it('gives the policy topics one partition and compaction, whatever the count of the others', () => {
    const specs = systemTopics({ slaPolicy: 'p', slaPolicyStatus: 'ps', slaOutcomes: 'o' }, { partitions: 6 });
    expect(specs.map((s) => [s.topic, s.partitions, s.configs['cleanup.policy']])).toEqual([
      ['o', 6, 'compact'],
      ['p', 1, 'compact'],
      ['ps', 1, 'compact'],
    ]);
  });
});
