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

  /**
   * Present while the partition's state is complete in this layout (records, shared and
   * per-tenant indexes). The layout's number is in the name: state written before the per-tenant
   * indexes existed has only {@link legacyBuilt} and is rebuilt from the changelog.
   */
  built(partition: number): string {
    return `${this.of(partition)}:built:2`;
  }

  /**
   * The marker of the layout before the per-tenant indexes (and of a timer of that version still
   * running during a rolling upgrade): while it is present, the partition's per-tenant indexes
   * cannot be trusted, so the partition is lost for this version.
   */
  legacyBuilt(partition: number): string {
    return `${this.of(partition)}:built`;
  }

  /** Set of the tenants that have per-tenant indexes in the partition: what a rebuild clears. */
  tenants(partition: number): string {
    return `${this.of(partition)}:tenants`;
  }

  /** Sorted set of the partition's tickets by the instant their timer goes off. */
  due(partition: number): string {
    return `${this.of(partition)}:due`;
  }

  /** Sorted set of the partition's paused tickets by the start of their open pause. */
  paused(partition: number): string {
    return `${this.of(partition)}:paused`;
  }

  /** The due index of one tenant's tickets of the partition: what its board reads. */
  dueOf(partition: number, tenantId: string): string {
    return `${this.due(partition)}:${tenantId}`;
  }

  /** The paused index of one tenant's tickets of the partition. */
  pausedOf(partition: number, tenantId: string): string {
    return `${this.paused(partition)}:${tenantId}`;
  }

  record(partition: number, ref: TicketRef): string {
    return `${this.recordPrefix(partition)}${refKey(ref)}`;
  }

  /** What a record's key is before its ticket's `refKey` (the member of the indexes). */
  recordPrefix(partition: number): string {
    return `${this.of(partition)}:t:`;
  }
}
