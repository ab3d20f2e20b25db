import { recordWithEvents } from '../testing/long-record';
import { LONG_RECORD_EVENTS } from '../ticket-record/ticket-record';
import { MAX_CACHED_EVENTS, OwnedRecords } from './owned-records';

const recordOf = (ticketId: string, events: number) => recordWithEvents('tenant-a', ticketId, events);

describe('the records a member committed under its fence token', () => {
  const long = recordOf('LONG', LONG_RECORD_EVENTS);

  it('are given back for the same partition and token only', () => {
    const owned = new OwnedRecords();
    owned.committed(0, 't1', [{ record: long }, { record: recordOf('SHORT', LONG_RECORD_EVENTS - 1) }]);
    const { hits, misses } = owned.take(0, 't1', [long.ref, { tenantId: 'tenant-a', ticketId: 'SHORT' }]);
    expect([...hits.values()]).toEqual([long]);
    expect(misses).toEqual([{ tenantId: 'tenant-a', ticketId: 'SHORT' }]); // short records are read back: cheap to decode
    expect(owned.take(0, 't2', [long.ref]).hits.size).toBe(0); // another claim of the partition
    expect(owned.take(1, 't1', [long.ref]).hits.size).toBe(0);
  });

  it('are forgotten when the ticket closes, a commit fails, or the partition is claimed again', () => {
    const owned = new OwnedRecords();
    owned.committed(0, 't1', [{ record: long }]);
    owned.committed(0, 't1', [{ record: long, expireAfterMs: 60_000 }]);
    expect(owned.take(0, 't1', [long.ref]).hits.size).toBe(0);

    owned.committed(0, 't1', [{ record: long }]);
    owned.forgetRecords(0, [long.ref]);
    expect(owned.take(0, 't1', [long.ref]).hits.size).toBe(0);

    owned.committed(0, 't1', [{ record: long }]);
    owned.forget(0);
    expect(owned.take(0, 't1', [long.ref]).hits.size).toBe(0);

    owned.committed(0, 't1', [{ record: long }]);
    owned.committed(0, 't2', [{ record: recordOf('OTHER', LONG_RECORD_EVENTS) }]); // a new token drops the old one's
    expect(owned.take(0, 't1', [long.ref]).hits.size).toBe(0);
  });

  it('stay within their bound of events, the least recently used going first', () => {
    const owned = new OwnedRecords();
    const size = 1_000;
    const count = MAX_CACHED_EVENTS / size;
    const records = Array.from({ length: count }, (_, i) => recordOf(`T-${i}`, size));
    owned.committed(0, 't1', records.map((record) => ({ record })));
    expect(owned.take(0, 't1', [records[0].ref]).hits.size).toBe(1); // now the most recently used
    owned.committed(0, 't1', [{ record: recordOf('NEW', size) }]);
    const refs = [...records.map((r) => r.ref), { tenantId: 'tenant-a', ticketId: 'NEW' }];
    const { misses } = owned.take(0, 't1', refs);
    expect(misses.map((r) => r.ticketId)).toEqual(['T-1']);
  });
});
