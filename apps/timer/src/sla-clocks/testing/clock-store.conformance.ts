import { toKnownEvent } from '@stageplus/sla-engine';
import { FencedOut, StateLost, type ClockStore } from '../keeper/ports';
import type { TicketRecord } from '../ticket-record/ticket-record';

const ref = (ticketId: string) => ({ tenantId: 'tenant-a', ticketId });
const record = (ticketId: string, armedAt: number | null): TicketRecord => ({
  ref: ref(ticketId),
  events: [toKnownEvent({ eventId: `${ticketId}-1`, type: 'ticket.opened', ...ref(ticketId), occurredAt: '2026-06-23T15:00:00Z', impact: 1, urgency: 1 }, 0)],
  fired: new Map(),
  armedAt,
});

/** What every ClockStore must do: the Redis one and the in-memory fake alike. */
export function clockStoreConformance(name: string, make: () => Promise<{ store: ClockStore; lose: () => Promise<void> }>): void {
  describe(`${name}: the clock store contract`, () => {
    it('says a partition never built is lost, and intact once restored', async () => {
      const { store } = await make();
      expect(await store.claim(0, 'a')).toBe('lost');
      await store.restore(0, 'a', [record('R1', 1_000)]);
      expect(await store.claim(0, 'a')).toBe('intact');
      expect((await store.read(0, ref('R1')))?.armedAt).toBe(1_000);
      expect(await store.due(0, 1_000, 10)).toEqual([ref('R1')]);
    });

    it('refuses the loads and commits of a token that no longer owns the partition', async () => {
      const { store } = await make();
      await store.claim(1, 'old');
      await store.restore(1, 'old', []);
      await store.claim(1, 'new');
      await expect(store.load(1, 'old', [ref('R2')])).rejects.toThrow(FencedOut);
      await expect(store.commit(1, 'old', [{ record: record('R2', 5) }])).rejects.toThrow(FencedOut);
      expect(await store.read(1, ref('R2'))).toBeNull();
      await store.commit(1, 'new', [{ record: record('R2', 5) }]);
      expect((await store.load(1, 'new', [ref('R2'), ref('none')])).size).toBe(1);
      expect(await store.check(new Map([[1, 'old']]))).toEqual(new Map([[1, 'taken']]));
    });

    it('keeps the due index with the records: set with the armed instant, gone when done', async () => {
      const { store } = await make();
      await store.claim(2, 't');
      await store.restore(2, 't', []);
      await store.commit(2, 't', [{ record: record('D1', 300) }, { record: record('D2', 100) }, { record: record('D3', null) }]);
      expect(await store.due(2, 1_000, 10)).toEqual([ref('D2'), ref('D1')]);
      await store.commit(2, 't', [{ record: record('D2', 100), expireAfterMs: 60_000 }]);
      expect(await store.due(2, 1_000, 10)).toEqual([ref('D1')]);
    });

    it('tells a lost state from a taken one', async () => {
      const { store, lose } = await make();
      await store.claim(3, 't');
      await store.restore(3, 't', []);
      await lose();
      await expect(store.load(3, 't', [ref('L1')])).rejects.toThrow(StateLost);
      await expect(store.commit(3, 't', [{ record: record('L1', 1) }])).rejects.toThrow(StateLost);
      expect(await store.check(new Map([[3, 't']]))).toEqual(new Map([[3, 'lost']]));
    });
  });
}
