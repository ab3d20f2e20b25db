/**
 * What the rest of the timer asks of the partition owner (`PartitionOwner` implements both): the
 * handler needs a fence token to write, the read API and readiness which partitions are usable.
 */

/** The token proving this member owns a partition: every load and commit is checked against it. */
export interface PartitionFence {
  /**
   * The partition's token once its state is ready (taken, rebuilt, caught up); `keepAlive` runs
   * while it waits (the consumer's heartbeat). Never takes a partition by itself.
   * @throws NotOwned when this member does not own it
   */
  fence(partition: number, keepAlive?: () => Promise<void>): Promise<string>;
}

/** Which partitions of this member are being taken or rebuilt: the read API refuses to read them. */
export interface RebuildingPartitions {
  /** Their records and indexes are incomplete: a read would mislead. */
  unavailable(): number[];
}

/** Which partitions this member owns, and which of them are not ready yet: for readiness. */
export interface PartitionStates extends RebuildingPartitions {
  partitions(): number[];
}

/** This member does not own the partition (any more): its work belongs to the owner, retried there. */
export class NotOwned extends Error {
  readonly code = 'TIMER.NOT_OWNED';
  readonly retriable = true;
  constructor(partition: number) {
    super(`partition ${partition} is not owned by this timer`);
    this.name = 'NotOwned';
  }
}
