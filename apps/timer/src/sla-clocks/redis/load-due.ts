import type { DueRecords } from '../keeper/ports';
import { decodeRecord, type TicketRecord } from '../ticket-record/ticket-record';
import { refOfKey, type TicketRef } from '../ticket-ref';

/** The tickets and records of `load-due.lua`'s reply: member, record (null: none), member, record, ... */
export function dueRecordsOf(reply: readonly (string | null)[]): DueRecords {
  const refs: TicketRef[] = [];
  const records = new Map<string, TicketRecord>();
  for (let i = 0; i < reply.length; i += 2) {
    const member = reply[i] as string;
    const ref = refOfKey(member);
    refs.push(ref);
    const value = reply[i + 1];
    if (value !== null) records.set(member, decodeRecord(ref, value));
  }
  return { refs, records };
}
