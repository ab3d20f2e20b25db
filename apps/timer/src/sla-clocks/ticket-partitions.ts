import { ticketKey } from '@stageplus/contracts';
import { partitionOfKey } from '@stageplus/kafka';
import type { TicketRef } from './ticket-ref';

/** Where tickets' state lives: what the read API and the queue board need of the partitioning. */
export interface TicketPartitioning {
  /** The partition of `tickets.prioritized` (and of the state) holding this ticket. */
  of(ref: TicketRef): number;
  /** Every partition, `0..count-1`. */
  all(): number[];
}

/**
 * The partitions of `tickets.prioritized`, counted once the topics exist (`prepareTimer`): the
 * changelog has as many, and a ticket's state lives in the partition its key hashes to.
 */
export class TicketPartitions implements TicketPartitioning {
  private total = 0;

  get count(): number {
    return this.total;
  }

  /** Set when prepared; none before. */
  counted(total: number): void {
    this.total = total;
  }

  of(ref: TicketRef): number {
    return partitionOfKey(ticketKey(ref.tenantId, ref.ticketId), this.total);
  }

  all(): number[] {
    return Array.from({ length: this.total }, (_, p) => p);
  }
}
