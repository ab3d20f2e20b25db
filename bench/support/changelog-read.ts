import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { until } from './stats';

export interface ChangelogReadReport {
  readonly records: number;
  /** Distinct keys whose last record is not a tombstone: the open tickets the log describes. */
  readonly liveKeys: number;
  readonly bytes: number;
  /** From connecting a throwaway consumer to the last record as of the start (ms). */
  readonly ms: number;
}

/**
 * Reads a topic from its beginning to its end offsets as of the call, with a plain kafkajs
 * consumer in a throwaway group: the least any rebuild from the timer's changelog must pay.
 */
export async function readTopicToEnd(brokers: readonly string[], topic: string, timeoutMs: number): Promise<ChangelogReadReport> {
  const id = `bench-changelog-${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ clientId: id, brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const started = Date.now();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
  const pending = new Set([...ends].filter(([, end]) => end > 0n).map(([p]) => p));
  const latest = new Map<string, boolean>();
  let records = 0;
  let bytes = 0;
  if (pending.size > 0) {
    const consumer = kafka.consumer({ groupId: id, maxBytesPerPartition: 8 << 20, maxWaitTimeInMs: 100 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const end = ends.get(batch.partition) ?? 0n;
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            records++;
            bytes += (message.key?.length ?? 0) + (message.value?.length ?? 0);
            latest.set(`${batch.partition}/${message.key?.toString('utf8') ?? ''}`, message.value !== null);
          }
          if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
        },
      });
      await until(() => pending.size === 0, timeoutMs, `reading ${topic} to its end`, { everyMs: 5 });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }
  const ms = Date.now() - started;
  await admin.deleteGroups([id]).catch(() => undefined);
  await admin.disconnect();
  return { records, liveKeys: [...latest.values()].filter(Boolean).length, bytes, ms };
}
