import { partitionOfKey } from '@stageplus/kafka';

/** The last record of a key on one changelog partition (null: a tombstone). */
export interface ChangelogEntry {
  readonly partition: number;
  readonly key: string;
  readonly value: Buffer | null;
}

/** A record to produce on the changelog, to that partition. */
export interface ChangelogWrite {
  readonly partition: number;
  readonly key: string;
  readonly value: Buffer | null;
}

export interface Relayout {
  /** Live records copied to the partition their key maps to now: written first. */
  readonly copies: readonly ChangelogWrite[];
  /** Tombstones on the partitions they left: written once the copies are acknowledged. */
  readonly tombstones: readonly ChangelogWrite[];
}

/**
 * What moves each ticket's state to the changelog partition its key maps to among `count`
 * partitions (Kafka's default partitioner, as priority's records of `tickets.prioritized`). `entries`
 * are the changelog as read, in offset order per partition: the last one of a key on a partition
 * wins. A live record on a partition its key no longer maps to is copied to the new one, unless
 * that one already has a record of the key (copied by an earlier, interrupted run, or written by
 * the timer since: newer either way), then tombstoned where it was, so compaction forgets it.
 * Running it again on the result finds nothing to do.
 */
export function relayoutChangelog(entries: Iterable<ChangelogEntry>, count: number): Relayout {
  const latest = new Map<string, ChangelogEntry>();
  for (const e of entries) latest.set(`${e.partition}|${e.key}`, e);
  const copies: ChangelogWrite[] = [];
  const tombstones: ChangelogWrite[] = [];
  for (const e of latest.values()) {
    const now = partitionOfKey(e.key, count);
    if (now === e.partition || e.value === null) continue;
    if (!latest.has(`${now}|${e.key}`)) copies.push({ partition: now, key: e.key, value: e.value });
    tombstones.push({ partition: e.partition, key: e.key, value: null });
  }
  return { copies, tombstones };
}
