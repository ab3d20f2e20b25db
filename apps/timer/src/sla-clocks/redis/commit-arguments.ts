import type { RecordWrite } from '../keeper/ports';
import type { PauseReader } from '../ticket-record/paused-since';
import { encodeRecord } from '../ticket-record/ticket-record';
import { refKey } from '../ticket-ref';
import type { PartitionKeys } from './partition-keys';

/** The keys and arguments of `commit-records.lua` for a partition's writes. */
export function commitArguments(keys: PartitionKeys, partition: number, token: string, writes: readonly RecordWrite[], pausedSince: PauseReader): { keys: string[]; args: string[] } {
  return {
    keys: [
      keys.epoch(partition),
      keys.built(partition),
      keys.due(partition),
      keys.paused(partition),
      keys.tenants(partition),
      ...writes.flatMap(({ record: { ref } }) => [keys.record(partition, ref), keys.dueOf(partition, ref.tenantId), keys.pausedOf(partition, ref.tenantId)]),
    ],
    args: [
      token,
      ...writes.flatMap((w) => {
        const due = w.expireAfterMs === undefined && w.record.armedAt !== null ? String(w.record.armedAt) : '';
        return [encodeRecord(w.record), String(w.expireAfterMs ?? 0), due, refKey(w.record.ref), pausedArg(w, pausedSince), w.record.ref.tenantId];
      }),
    ],
  };
}

/**
 * The paused index's argument of a write: the pause's start, "" to remove. Always one or the
 * other: a correction may end the pause of a ticket whose statuses did not change.
 */
function pausedArg(w: RecordWrite, pausedSince: PauseReader): string {
  const since = w.expireAfterMs === undefined ? pausedSince(w.record) : null;
  return since === null ? '' : String(since);
}
