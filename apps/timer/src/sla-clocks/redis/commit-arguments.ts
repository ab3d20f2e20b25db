import type { RecordWrite } from '../keeper/ports';
import type { PauseReader } from '../ticket-record/paused-since';
import { encodeRecord, encodingAfter, type TicketRecord } from '../ticket-record/ticket-record';
import { refKey, type TicketRef } from '../ticket-ref';
import type { PartitionKeys } from './partition-keys';

/**
 * The keys and arguments of `commit-records.lua` for a partition's writes. `stored`: the record
 * Redis holds for a ticket, when known (`OwnedRecords`): a write extending it sends what changed
 * (`encodingAfter`), not the whole record again.
 */
export function commitArguments(
  keys: PartitionKeys,
  partition: number,
  token: string,
  writes: readonly RecordWrite[],
  pausedSince: PauseReader,
  stored: (ref: TicketRef) => TicketRecord | undefined = () => undefined,
): { keys: string[]; args: string[] } {
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
        const base = stored(w.record.ref);
        const extension = base === undefined ? null : encodingAfter(base, w.record);
        const common = [String(w.expireAfterMs ?? 0), due, refKey(w.record.ref), pausedArg(w, pausedSince), w.record.ref.tenantId];
        if (extension === null) return [encodeRecord(w.record), ...common, '', ''];
        return [extension.tail, ...common, `${extension.added ? '+' : '='}${extension.baseRest}`, extension.lastRow];
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
