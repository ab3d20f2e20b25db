import { keyPartition } from './key-partitioner';

/**
 * The partition that kafkajs's default (Java-compatible murmur2) partitioner gives `key` among
 * `count` partitions: where the events, and so the state, of a keyed entity live.
 */
export function partitionOfKey(key: string, count: number): number {
  if (count <= 0) throw new Error('the topic has no partitions (yet)');
  return keyPartition(key, count);
}
