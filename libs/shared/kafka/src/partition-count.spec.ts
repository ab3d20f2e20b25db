import { kafkaPartitions, readConfig } from '@stageplus/config';
import { DEFAULT_PARTITIONS, systemTopics } from './system-topics';

describe('partitions of the topics (KAFKA_PARTITIONS)', () => {
  it('gives 6 by default, the count asked for otherwise, and one to the policy topics whatever the count', () => {
    expect(DEFAULT_PARTITIONS).toBe(6);
    const names = { ticketsPrioritized: 'p', timerState: 's', slaPolicy: 'pol' };
    expect(systemTopics(names).map((s) => [s.topic, s.partitions])).toEqual([['p', 6], ['p.dlq', 6], ['s', 6], ['pol', 1]]);
    expect(systemTopics(names, { partitions: 3 }).map((s) => [s.topic, s.partitions])).toEqual([['p', 3], ['p.dlq', 3], ['s', 3], ['pol', 1]]);
  });

  it('is a whole number from 1 to 1000, and a bad one is named', () => {
    const read = (value?: string) => readConfig('svc', { KAFKA_PARTITIONS: kafkaPartitions }, { KAFKA_PARTITIONS: value }).KAFKA_PARTITIONS;
    expect([read(undefined), read('1'), read('12'), read('1000')]).toEqual([undefined, 1, 12, 1000]);
    for (const bad of ['0', '1001', '2.5', 'six', '-3']) expect(() => read(bad)).toThrow(/KAFKA_PARTITIONS: must be a whole number from 1 to 1000/);
  });
});
