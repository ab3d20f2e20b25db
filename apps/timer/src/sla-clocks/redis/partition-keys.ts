import { refKey, type TicketRef } from '../ticket-ref';

/**
 * The timer's Redis keys. Everything of one Kafka partition shares the hash tag `{p<n>}`, so that
 * on Redis Cluster a partition's fence, records and BullMQ queue sit in one slot and the commit
 * script may touch them together; partitions spread over the cluster's nodes.
 */
export class PartitionKeys {
  constructor(private readonly prefix: string) {}

  /** The prefix of everything of partition `n` (BullMQ's queue prefix included). */
  of(partition: number): string {
    return `${this.prefix}{p${partition}}`;
  }

  epoch(partition: number): string {
    return `${this.of(partition)}:epoch`;
  }

  built(partition: number): string {
    return `${this.of(partition)}:built`;
  }

  /** Sorted set of the partition's tickets by the instant their timer goes off. */
  due(partition: number): string {
    return `${this.of(partition)}:due`;
  }

  /** Sorted set of the partition's paused tickets by the start of their open pause. */
  paused(partition: number): string {
    return `${this.of(partition)}:paused`;
  }

  record(partition: number, ref: TicketRef): string {
    return `${this.of(partition)}:t:${refKey(ref)}`;
  }
}
