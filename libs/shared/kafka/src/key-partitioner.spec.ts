import fc from 'fast-check';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { createKeyPartitioner, keyPartition, murmur2 } from './key-partitioner';
import { partitionOfKey } from './partition-of-key';

const kafkajsDefault = Partitioners.DefaultPartitioner();
const metadata = (count: number, leaderless: number[] = []) =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: leaderless.includes(partitionId) ? -1 : 0 })) as PartitionerArgs['partitionMetadata'];
const kafkajsChoice = (key: string | Buffer, count: number) => kafkajsDefault({ topic: 't', partitionMetadata: metadata(count), message: { key, value: null } });

describe('key partitioner (kafkajs default partitioner, faster murmur2)', () => {
  it('hashes like the Java client: known murmur2 values', () => {
    // Values of org.apache.kafka.common.utils.Utils.murmur2 (kafka's UtilsTest).
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([97, 98, 99]))).toBe(479470107);
  });

  it('chooses the partition kafkajs would for any key, text (ASCII or not) or bytes, and any count', () => {
    const keys = fc.oneof(
      fc.string({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 24 }), // lone surrogates too: both go through UTF-8 with replacement
      fc.uint8Array({ maxLength: 48 }).map((bytes) => Buffer.from(bytes)),
      fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,30}$/), fc.stringMatching(/^[A-Z0-9-]{1,20}$/)).map(([tenant, ticket]) => `${tenant}:${ticket}`),
    );
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 1_000 }), (key, count) => {
        const expected = kafkajsChoice(key, count);
        expect(keyPartition(key, count)).toBe(expected);
        expect(createKeyPartitioner()({ topic: 't', partitionMetadata: metadata(count), message: { key, value: null } })).toBe(expected);
        if (typeof key === 'string') expect(partitionOfKey(key, count)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps an explicit partition, keyed or not', () => {
    const partition = createKeyPartitioner();
    expect(partition({ topic: 't', partitionMetadata: metadata(6), message: { key: 'acme:T-1', value: null, partition: 4 } })).toBe(4);
    expect(partition({ topic: 't', partitionMetadata: metadata(6), message: { value: null, partition: 0 } })).toBe(0);
  });

  it('sends keyless messages round robin over the partitions with a leader, like kafkajs', () => {
    const partition = createKeyPartitioner();
    const chosen = Array.from({ length: 8 }, () => partition({ topic: 't', partitionMetadata: metadata(5, [1, 3]), message: { value: 'v' } }));
    expect(new Set(chosen)).toEqual(new Set([0, 2, 4]));
    for (let i = 1; i < chosen.length; i++) expect(chosen[i]).toBe([0, 2, 4][([0, 2, 4].indexOf(chosen[i - 1]) + 1) % 3]);
  });
});
