import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** One record as read: its partition, key and value (null for a tombstone). */
export interface TopicRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
}

export interface ReadToEndOptions {
  /** Gives up after this long (ms). Default 120,000. */
  readonly timeoutMs?: number;
  /** Prefix of the throwaway consumer group's id (a UUID follows). Default `read-to-end`. */
  readonly groupPrefix?: string;
  /** Only these partitions are read; the others are skipped. Default: every partition. */
  readonly partitions?: readonly number[];
  /** Largest fetch per partition (bytes), default kafkajs's 1 MiB: larger reads fewer, bigger batches. */
  readonly maxBytesPerPartition?: number;
}

/**
 * Reads every partition of a topic (or those of `options.partitions`) from its beginning to its
 * end as of the call (the high watermarks fetched first), in offset order per partition, then
 * stops: what a compacted topic holds now. The read is a throwaway consumer group that commits
 * nothing. Records written after the call are not waited for; an empty topic returns at once.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, onRecord: (record: TopicRecord) => void, options: ReadToEndOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const wanted = options.partitions;
    ends = new Map(offsets.filter((o) => wanted === undefined || wanted.includes(o.partition)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  const pending = new Set([...ends].filter(([, end]) => end > 0n).map(([p]) => p));
  if (pending.size === 0) return;
  const groupId = `${options.groupPrefix ?? 'read-to-end'}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytesPerPartition: options.maxBytesPerPartition });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${topic} was not read to its end within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (!pending.has(batch.partition)) return;
            const end = ends.get(batch.partition) ?? 0n;
            for (const m of batch.messages) {
              if (BigInt(m.offset) >= end) break;
              onRecord({ partition: batch.partition, offset: m.offset, key: m.key?.toString('utf8') ?? null, value: m.value });
            }
            if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
