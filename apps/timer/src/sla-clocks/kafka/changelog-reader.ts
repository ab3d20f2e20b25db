import type { AdapterLogger } from '@stageplus/kafka';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { fromStored, type TicketRecord } from '../ticket-record/ticket-record';
import { TIMER_STATE_TYPE, type TimerStateRecord } from './timer-state-record';

/**
 * Reads partitions of the changelog from their beginning to their end as of the call: the last
 * record of each ticket wins and a tombstone removes it, which is what compaction will keep. The
 * read is a throwaway consumer group that commits nothing; other partitions are skipped.
 */
export async function readChangelog(
  kafka: Kafka,
  topic: string,
  partitions: readonly number[],
  logger: AdapterLogger,
  timeoutMs = 120_000,
): Promise<Map<number, TicketRecord[]>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const o of await admin.fetchTopicOffsets(topic)) {
      if (partitions.includes(o.partition)) ends.set(o.partition, BigInt(o.high));
    }
  } finally {
    await admin.disconnect();
  }
  const latest = new Map<number, Map<string, TimerStateRecord | null>>(partitions.map((p) => [p, new Map()]));
  const pending = new Set([...ends].filter(([, end]) => end > 0n).map(([p]) => p));
  if (pending.size > 0) {
    const consumer = kafka.consumer({ groupId: `sla-timer-rebuild-${randomUUID()}`, maxBytesPerPartition: 8 << 20, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the changelog ${topic} was not read within ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const ticketRecords = latest.get(batch.partition);
              if (ticketRecords === undefined || !pending.has(batch.partition)) return;
              const end = ends.get(batch.partition) ?? 0n;
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= end) break;
                const key = message.key?.toString('utf8') ?? '';
                ticketRecords.set(key, message.value === null ? null : (JSON.parse(message.value.toString('utf8')) as TimerStateRecord));
              }
              if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
              if (pending.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }
  const out = new Map<number, TicketRecord[]>();
  for (const [partition, records] of latest) {
    const restored: TicketRecord[] = [];
    for (const value of records.values()) {
      if (value === null || value.type !== TIMER_STATE_TYPE) continue;
      restored.push(fromStored({ tenantId: value.tenantId, ticketId: value.ticketId }, value.record));
    }
    out.set(partition, restored);
  }
  logger.info({ topic, partitions, tickets: [...out.values()].reduce((n, r) => n + r.length, 0) }, 'changelog read');
  return out;
}
