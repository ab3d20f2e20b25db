import type { ICustomPartitioner, RecordMetadata } from 'kafkajs';
import { createKeyPartitioner } from './key-partitioner';

/** A record as kafkajs takes it; its object identity is how the ledger knows it. */
export interface LedgerRecord {
  readonly key: string | Buffer;
  readonly value: string | Buffer | null;
  readonly headers?: Record<string, string>;
  readonly partition?: number;
}

export type LedgerRequest = { topic: string; messages: LedgerRecord[] }[];

/**
 * Which partition kafkajs put each record in, so that a send it resolved can be checked against
 * what the brokers acknowledged.
 *
 * Why: kafkajs 2.2.4 can resolve a send without having written all of it (kafkajs#1303, open;
 * the fix proposed in PR #1798 is not released). A send to partitions led by brokers A and B
 * where B answers and A dies is retried only towards brokers without an answer; once A's
 * partitions move to B, B already has one, so they are never sent and the send still resolves.
 * Our three-broker fault suite saw exactly that: a few acknowledged events missing after kill -9
 * of a leader. The produce responses list every partition written, so a missing one shows.
 */
export class PartitionLedger {
  private readonly assigned = new WeakMap<object, number>();

  /** For `kafka.producer({ createPartitioner })`: the default (murmur2) partitioner's choices, recorded. */
  readonly createPartitioner: ICustomPartitioner = () => {
    const partition = createKeyPartitioner();
    return (args) => {
      const chosen = partition(args);
      this.assigned.set(args.message, chosen);
      return chosen;
    };
  };

  /**
   * The records of `request` whose partition the acknowledgements do not name, in order, each
   * pinned to the partition it was given (so that a resend keeps them where their key belongs).
   * A partition's records travel together in one record batch: it is acknowledged whole or not.
   */
  unacknowledged(request: LedgerRequest, acknowledged: readonly RecordMetadata[]): LedgerRequest {
    const written = new Set(acknowledged.map((a) => `${a.topicName}\u0000${a.partition}`));
    const missing: LedgerRequest = [];
    for (const { topic, messages } of request) {
      const left = messages.filter((m) => !written.has(`${topic}\u0000${this.partitionOf(m)}`));
      if (left.length > 0) missing.push({ topic, messages: left.map((m) => ({ ...m, partition: this.partitionOf(m) })) });
    }
    return missing;
  }

  private partitionOf(record: LedgerRecord): number | undefined {
    return this.assigned.get(record) ?? record.partition;
  }
}

/** `topic/partition` of each partition in a request, for logs and metrics. */
export function partitionsOf(request: LedgerRequest): string[] {
  return [...new Set(request.flatMap(({ topic, messages }) => messages.map((m) => `${topic}/${m.partition}`)))];
}
