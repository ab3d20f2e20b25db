import { toKnownEvent } from '@stageplus/sla-engine';
import { appendVersion, loadDefaultPolicy, singleVersionHistory, type PolicyHistory, type SlaPolicy } from '@stageplus/sla-policy';
import { FencedOut, StateLost, type BoardEntry, type BoardQuery, type ClockStore } from '../keeper/ports';
import { governedPause, type PauseReader } from '../ticket-record/paused-since';
import type { TicketRecord } from '../ticket-record/ticket-record';

/**
 * The policy history the stores read pauses under: v1 (the bundled policy, pausing on
 * pending_customer) governs the tickets opened at 15:00; v2, published at 16:30 and effective since
 * June 1st, also pauses on waiting_vendor and governs the tickets opened after its publication.
 */
const v1 = loadDefaultPolicy();
const v2: SlaPolicy = { ...v1, version: 'conformance-v2', effectiveDate: '2026-06-01', pauseStatuses: [...v1.pauseStatuses, 'waiting_vendor'] };
const v1Fix: SlaPolicy = { ...v2, version: 'conformance-v1-fix', effectiveDate: v1.effectiveDate, replaces: v1.version };
const at = (iso: string) => Date.parse(`2026-06-23T${iso}Z`);

/** A fresh history per store (a test may publish a correction), read as the keeper would at 23:00. */
function followedHistory() {
  let history: PolicyHistory = appendVersion(singleVersionHistory(v1), { policy: v2, publishedAt: at('16:30:00') });
  const pause = governedPause(() => ({ history }), () => at('23:00:00'));
  return { pause, correct: (publishedAt: number) => (history = appendVersion(history, { policy: v1Fix, publishedAt })) };
}

const ref = (ticketId: string, tenantId = 'tenant-a') => ({ tenantId, ticketId });
const record = (ticketId: string, armedAt: number | null, tenantId = 'tenant-a', statuses: [string, string][] = [], openedAt = '2026-06-23T15:00:00Z'): TicketRecord => ({
  ref: ref(ticketId, tenantId),
  events: [
    toKnownEvent({ eventId: `${ticketId}-1`, type: 'ticket.opened', ...ref(ticketId, tenantId), occurredAt: openedAt, impact: 1, urgency: 1 }, 0),
    ...statuses.map(([status, occurredAt], i) =>
      toKnownEvent({ eventId: `${ticketId}-s${i}`, type: 'ticket.updated', ...ref(ticketId, tenantId), occurredAt, status }, i + 1),
    ),
  ],
  fired: new Map(),
  armedAt,
});
const keysOf = (entries: readonly BoardEntry[]) => entries.map((e) => `${e.record.ref.tenantId}|${e.record.ref.ticketId}@${e.position.score}`);

/** A board read page after page (`limit` each) to its end: the pages' keys. */
async function pagesOf(store: ClockStore, query: Omit<BoardQuery, 'after' | 'limit'>, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  for (let after = null as BoardEntry['position'] | null; ; ) {
    const page = await store.board({ ...query, after, limit });
    if (page.length === 0) return pages;
    pages.push(keysOf(page));
    after = page[page.length - 1].position;
  }
}

/**
 * What every ClockStore must do: the Redis one and the in-memory fake alike. `make` builds a store
 * whose paused index reads pauses with `pause`.
 */
export function clockStoreConformance(name: string, make: (pause: PauseReader) => Promise<{ store: ClockStore; lose: () => Promise<void> }>): void {
  const setUp = async () => {
    const { pause, correct } = followedHistory();
    return { ...(await make(pause)), correct };
  };

  describe(`${name}: the clock store contract`, () => {
    it('says a partition never built is lost, and intact once restored', async () => {
      const { store } = await setUp();
      expect(await store.claim(0, 'a')).toBe('lost');
      await store.restore(0, 'a', [record('R1', 1_000)]);
      expect(await store.claim(0, 'a')).toBe('intact');
      expect((await store.read(0, ref('R1')))?.armedAt).toBe(1_000);
      expect(await store.due(0, 1_000, 10)).toEqual([ref('R1')]);
    });

    it('refuses the loads and commits of a token that no longer owns the partition', async () => {
      const { store } = await setUp();
      await store.claim(1, 'old');
      await store.restore(1, 'old', []);
      await store.claim(1, 'new');
      await expect(store.load(1, 'old', [ref('R2')])).rejects.toThrow(FencedOut);
      await expect(store.loadDue(1, 'old', Infinity, 10)).rejects.toThrow(FencedOut);
      await expect(store.commit(1, 'old', [{ record: record('R2', 5) }])).rejects.toThrow(FencedOut);
      expect(await store.read(1, ref('R2'))).toBeNull();
      await store.commit(1, 'new', [{ record: record('R2', 5) }]);
      expect((await store.load(1, 'new', [ref('R2'), ref('none')])).size).toBe(1);
      expect(await store.check(new Map([[1, 'old']]))).toEqual(new Map([[1, 'taken']]));
    });

    it('keeps the due index with the records: set with the armed instant, gone when done', async () => {
      const { store } = await setUp();
      await store.claim(2, 't');
      await store.restore(2, 't', []);
      await store.commit(2, 't', [{ record: record('D1', 300) }, { record: record('D2', 100) }, { record: record('D3', null) }]);
      expect(await store.due(2, 1_000, 10)).toEqual([ref('D2'), ref('D1')]);
      expect([await store.firstDueAfter(2, -Infinity), await store.firstDueAfter(2, 100), await store.firstDueAfter(2, 300)]).toEqual([100, 300, null]);
      // A wake-up's read: the due tickets earliest first, up to the limit, with their records.
      const read = await store.loadDue(2, 't', 200, 1);
      expect(read !== 'more' && [read.refs, [...read.records.keys()], read.records.get('tenant-a|D2')?.armedAt]).toEqual([[ref('D2')], ['tenant-a|D2'], 100]);
      expect(await store.loadDue(2, 't', 1_000, 1)).toBe('more'); // D2 and D1: more than 1, none read
      expect(await store.loadDue(2, 't', 99, 10)).toEqual({ refs: [], records: new Map() });
      await store.commit(2, 't', [{ record: record('D2', 100), expireAfterMs: 60_000 }]);
      expect(await store.due(2, 1_000, 10)).toEqual([ref('D1')]);
      expect(await store.firstDueAfter(2, -Infinity)).toBe(300);
    });

    it('tells a lost state from a taken one', async () => {
      const { store, lose } = await setUp();
      await store.claim(3, 't');
      await store.restore(3, 't', []);
      await lose();
      await expect(store.load(3, 't', [ref('L1')])).rejects.toThrow(StateLost);
      await expect(store.loadDue(3, 't', Infinity, 10)).rejects.toThrow(StateLost);
      await expect(store.commit(3, 't', [{ record: record('L1', 1) }])).rejects.toThrow(StateLost);
      expect(await store.check(new Map([[3, 't']]))).toEqual(new Map([[3, 'lost']]));
    });

    it('orders the due board across partitions by instant, then ticket, and pages strictly after a position', async () => {
      const { store } = await setUp();
      for (const p of [4, 5]) {
        await store.claim(p, 't');
        await store.restore(p, 't', []);
      }
      await store.commit(4, 't', [{ record: record('B1', 300) }, { record: record('B2', 100) }, { record: record('B0', null) }]);
      await store.commit(5, 't', [{ record: record('B3', 200) }, { record: record('B4', 300) }]);
      const first = await store.board({ index: 'due', partitions: [4, 5], after: null, limit: 3 });
      expect(keysOf(first)).toEqual(['tenant-a|B2@100', 'tenant-a|B3@200', 'tenant-a|B1@300']);
      const rest = await store.board({ index: 'due', partitions: [4, 5], after: first[2].position, limit: 3 });
      expect(keysOf(rest)).toEqual(['tenant-a|B4@300']);
    });

    it("keeps a tenant's board to that tenant's tickets", async () => {
      const { store } = await setUp();
      await store.claim(6, 't');
      await store.restore(6, 't', [record('X1', 100, 'tenant-b'), record('X2', 50, 'tenant-a')]);
      await store.commit(6, 't', [{ record: record('X3', 10, 'tenant-b') }]);
      const page = await store.board({ index: 'due', partitions: [6], tenantId: 'tenant-b', after: null, limit: 10 });
      expect(keysOf(page)).toEqual(['tenant-b|X3@10', 'tenant-b|X1@100']);
    });

    it("finds a tenant's tickets behind a crowd of another's due at the same instant, and pages through the crowd each once, in order", async () => {
      const { store } = await setUp();
      await store.claim(8, 't');
      // More tickets at one instant than the Redis store reads per round trip (500), twice over.
      const crowd = Array.from({ length: 1_201 }, (_, i) => record(`C${String(i).padStart(4, '0')}`, 100));
      await store.restore(8, 't', [...crowd, record('Y1', 100, 'tenant-b'), record('Y2', 100, 'tenant-b'), record('Y0', 50, 'tenant-b')]);
      const small = await store.board({ index: 'due', partitions: [8], tenantId: 'tenant-b', after: null, limit: 10 });
      expect(keysOf(small)).toEqual(['tenant-b|Y0@50', 'tenant-b|Y1@100', 'tenant-b|Y2@100']);
      const seen: string[] = [];
      for (let after = null as BoardEntry['position'] | null; ; ) {
        const page = await store.board({ index: 'due', partitions: [8], tenantId: 'tenant-a', after, limit: 450 });
        if (page.length === 0) break;
        seen.push(...keysOf(page));
        after = page[page.length - 1].position;
      }
      expect(seen).toEqual(crowd.map((r) => `tenant-a|${r.ref.ticketId}@100`));
    });

    it("lists a tenant's tickets only, in due order, page by page across partitions, after commits, a pause, a re-arm, a close and a rebuild", async () => {
      const { store } = await setUp();
      for (const p of [10, 11]) await store.claim(p, 't');
      await store.restore(10, 't', [record('A1', 100), record('B1', 400, 'tenant-b'), record('B2', 200, 'tenant-b')]);
      await store.restore(11, 't', [record('B3', 300, 'tenant-b'), record('A2', 250)]);
      await store.commit(11, 't', [{ record: record('B4', 150, 'tenant-b') }, { record: record('A3', 50) }]);
      const b = { index: 'due', partitions: [10, 11], tenantId: 'tenant-b' } as const;
      const bPaused = { ...b, index: 'paused' } as const;
      const a = { index: 'due', partitions: [10, 11], tenantId: 'tenant-a' } as const;
      expect(await pagesOf(store, b, 2)).toEqual([
        ['tenant-b|B4@150', 'tenant-b|B2@200'],
        ['tenant-b|B3@300', 'tenant-b|B1@400'],
      ]);

      // B2 paused (nothing armed while it waits), B3 closed, B1 re-armed before B4.
      const since = Date.parse('2026-06-23T16:00:00Z');
      await store.commit(10, 't', [{ record: record('B2', null, 'tenant-b', [['pending_customer', '2026-06-23T16:00:00Z']]) }, { record: record('B1', 120, 'tenant-b') }]);
      await store.commit(11, 't', [{ record: record('B3', 300, 'tenant-b'), expireAfterMs: 60_000 }]);
      expect(await pagesOf(store, b, 1)).toEqual([['tenant-b|B1@120'], ['tenant-b|B4@150']]);
      expect(await pagesOf(store, bPaused, 10)).toEqual([[`tenant-b|B2@${since}`]]);
      expect(await pagesOf(store, { ...a, index: 'paused' }, 10)).toEqual([]);
      expect(await pagesOf(store, a, 10)).toEqual([['tenant-a|A3@50', 'tenant-a|A1@100', 'tenant-a|A2@250']]);

      // A rebuild of partition 10 replaces its indexes: only the restored records are on the boards.
      await store.restore(10, 't', [record('B5', 90, 'tenant-b')]);
      expect(await pagesOf(store, b, 10)).toEqual([['tenant-b|B5@90', 'tenant-b|B4@150']]);
      expect(await pagesOf(store, bPaused, 10)).toEqual([]);
      expect(await pagesOf(store, a, 10)).toEqual([['tenant-a|A3@50', 'tenant-a|A2@250']]);
      expect(await pagesOf(store, { index: 'due', partitions: [10, 11] }, 3)).toEqual([
        ['tenant-a|A3@50', 'tenant-b|B5@90', 'tenant-b|B4@150'],
        ['tenant-a|A2@250'],
      ]);
      expect(await store.due(10, 1_000, 10)).toEqual([ref('B5', 'tenant-b')]);
      expect(await pagesOf(store, { ...b, tenantId: 'tenant-c' }, 10)).toEqual([]);
    });

    it('indexes a paused ticket by the start of its pause, and forgets it once it resumes or closes', async () => {
      const { store } = await setUp();
      await store.claim(7, 't');
      const since = Date.parse('2026-06-23T16:00:00Z');
      await store.restore(7, 't', [record('P1', null, 'tenant-a', [['pending_customer', '2026-06-23T16:00:00Z']])]);
      await store.commit(7, 't', [{ record: record('P2', 500, 'tenant-a', [['pending_customer', '2026-06-23T15:30:00Z']]) }, { record: record('P3', 500) }]);
      expect(keysOf(await store.board({ index: 'paused', partitions: [7], after: null, limit: 10 }))).toEqual([
        `tenant-a|P2@${since - 1_800_000}`,
        `tenant-a|P1@${since}`,
      ]);
      const resumed = record('P2', 500, 'tenant-a', [['pending_customer', '2026-06-23T15:30:00Z'], ['in_progress', '2026-06-23T17:00:00Z']]);
      await store.commit(7, 't', [{ record: resumed }, { record: record('P1', null, 'tenant-a', [['pending_customer', '2026-06-23T16:00:00Z']]), expireAfterMs: 60_000 }]);
      expect(await store.board({ index: 'paused', partitions: [7], after: null, limit: 10 })).toEqual([]);
    });

    it('lists the open tickets a new policy version may change: those with a timer and those paused, each once, not the done ones', async () => {
      const { store } = await setUp();
      await store.claim(8, 't');
      await store.restore(8, 't', [record('O1', null, 'tenant-a', [['pending_customer', '2026-06-23T16:00:00Z']])]);
      await store.commit(8, 't', [
        { record: record('O2', 500, 'tenant-a', [['pending_customer', '2026-06-23T15:30:00Z']]) },
        { record: record('O3', 500) },
        { record: record('O4', 500), expireAfterMs: 60_000 },
      ]);
      expect(await store.open(8)).toEqual([ref('O1'), ref('O2'), ref('O3')]);
      expect(await store.open(9)).toEqual([]);
    });

    it('indexes a pause under the version governing the ticket: a status only a later version lists pauses the tickets it governs, and those of a version it corrects from its publication', async () => {
      const { store, correct } = await setUp();
      await store.claim(9, 't');
      const before = record('G1', 900, 'tenant-a', [['waiting_vendor', '2026-06-23T17:00:00Z']]); // opened under v1
      const after = record('G2', 900, 'tenant-a', [['waiting_vendor', '2026-06-23T17:30:00Z']], '2026-06-23T17:00:00Z'); // under v2
      await store.restore(9, 't', [record('G3', null, 'tenant-a', [['waiting_vendor', '2026-06-23T18:00:00Z']], '2026-06-23T17:00:00Z')]);
      await store.commit(9, 't', [{ record: before }, { record: after }]);
      const paused = async () => keysOf(await store.board({ index: 'paused', partitions: [9], after: null, limit: 10 }));
      expect(await paused()).toEqual([`tenant-a|G2@${at('17:30:00')}`, `tenant-a|G3@${at('18:00:00')}`]);
      correct(at('19:00:00'));
      await store.commit(9, 't', [{ record: before }]);
      expect(await paused()).toEqual([`tenant-a|G1@${at('17:00:00')}`, `tenant-a|G2@${at('17:30:00')}`, `tenant-a|G3@${at('18:00:00')}`]);
    });
  });
}
