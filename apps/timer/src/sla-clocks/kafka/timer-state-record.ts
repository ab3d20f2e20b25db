import type { StoredRecord } from '../ticket-record/ticket-record';

export const TIMER_STATE_TYPE = 'timer.state';

/**
 * A changelog record (`sla.timer.state`): a ticket's record as the timer last wrote it. The ids
 * are carried in the value because ids may contain `:`, which makes the key ambiguous. A
 * tombstone (no value) says the ticket is done: compaction forgets it, and no rebuild brings it back.
 */
export interface TimerStateRecord {
  readonly type: typeof TIMER_STATE_TYPE;
  readonly v: 1;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly record: StoredRecord;
}
