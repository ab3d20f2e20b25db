import { partitionOfKey, readTopicToEnd, type AdapterLogger, type TopicRecord } from '@stageplus/kafka';
import type { Kafka } from 'kafkajs';
import { fromStored, type TicketRecord } from '../ticket-record/ticket-record';
import { TIMER_STATE_TYPE, type TimerStateRecord } from './timer-state-record';

/**
 * Reads partitions of the changelog from their beginning to their end as of the call: the last
 * record of each ticket wins and a tombstone removes it, which is what compaction will keep
 * (`readTopicToEnd`: a throwaway consumer group that commits nothing; other partitions are skipped).
 *
 * With `partitionCount` (the partitions `tickets.prioritized` has now), a record sitting on
 * another partition than its key maps to is passed over: after `sla partitions grow`, a ticket
 * whose key moved has its state on its new partition, and what is left on the old one (until its
 * tombstone is compacted) must not bring it back there.
 */
export async function readChangelog(
  kafka: Kafka,
  topic: string,
  partitions: readonly number[],
  logger: AdapterLogger,
  options: { readonly partitionCount?: number; readonly timeoutMs?: number } = {},
): Promise<Map<number, TicketRecord[]>> {
  const { partitionCount, timeoutMs = 120_000 } = options;
  const latest = new Map<number, Map<string, TimerStateRecord | null>>(partitions.map((p) => [p, new Map()]));
  let moved = 0;
  const read = (record: TopicRecord) => {
    const key = record.key ?? '';
    if (partitionCount !== undefined && partitionOfKey(key, partitionCount) !== record.partition) {
      moved += 1;
      return;
    }
    const value = record.value === null ? null : (JSON.parse(record.value.toString('utf8')) as TimerStateRecord);
    latest.get(record.partition)?.set(key, value);
  };
  await readTopicToEnd(kafka, topic, read, { partitions, timeoutMs, groupPrefix: 'sla-timer-rebuild', maxBytesPerPartition: 8 << 20 });
  const out = new Map<number, TicketRecord[]>();
  for (const [partition, records] of latest) {
    const restored: TicketRecord[] = [];
    for (const value of records.values()) {
      if (value === null || value.type !== TIMER_STATE_TYPE) continue;
      restored.push(fromStored({ tenantId: value.tenantId, ticketId: value.ticketId }, value.record));
    }
    out.set(partition, restored);
  }
  const tickets = [...out.values()].reduce((n, r) => n + r.length, 0);
  logger.info({ topic, partitions, tickets, ...(moved > 0 ? { passedOver: moved } : {}) }, 'changelog read');
  return out;
}
