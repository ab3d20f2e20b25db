import type { SlaCleared, SlaNotification, SlaTicketOutcome } from '@stageplus/contracts';
import { FencedOut, StateLost, type BoardEntry, type BoardQuery, type ChangelogEntry, type ClockStore, type RecordWrite, type SlaOutbox, type SlaPublication, type TicketTimers, type TimerArm } from '../keeper/ports';
import { neverPaused, type PauseReader } from '../ticket-record/paused-since';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { refKey, refOfKey, type TicketRef } from '../ticket-ref';

/** A virtual clock: tests move time, nothing sleeps. */
export class VirtualClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
}

interface PartitionState {
  epoch: string | null;
  built: boolean;
  records: Map<string, TicketRecord>;
  due: Map<string, number>;
  paused: Map<string, number>;
  /** The same indexes per tenant, as the Redis store keeps them for a tenant's board. */
  tenants: Map<string, { due: Map<string, number>; paused: Map<string, number> }>;
}

/** A sorted-set write: `score` null removes. */
const put = (index: Map<string, number>, key: string, score: number | null) => (score === null ? index.delete(key) : index.set(key, score));

/**
 * The clock store in memory, with the Redis store's fence and loss semantics, and its indexes:
 * across tenants and per tenant, kept together by commits and replaced by a restore.
 */
export class InMemoryClockStore implements ClockStore {
  private readonly partitions = new Map<number, PartitionState>();

  /** @param pausedSince as the Redis store's: the pause under the version governing the ticket. */
  constructor(private readonly pausedSince: PauseReader = neverPaused) {}

  private part(p: number): PartitionState {
    let state = this.partitions.get(p);
    if (!state) this.partitions.set(p, (state = { epoch: null, built: false, records: new Map(), due: new Map(), paused: new Map(), tenants: new Map() }));
    return state;
  }

  private index(state: PartitionState, key: string, tenantId: string, due: number | null, paused: number | null): void {
    let own = state.tenants.get(tenantId);
    if (!own) state.tenants.set(tenantId, (own = { due: new Map(), paused: new Map() }));
    put(state.due, key, due);
    put(own.due, key, due);
    put(state.paused, key, paused);
    put(own.paused, key, paused);
  }

  private guard(p: number, token: string): PartitionState {
    const state = this.part(p);
    if (!state.built) throw new StateLost(p);
    if (state.epoch !== token) throw new FencedOut(p);
    return state;
  }

  async load(p: number, token: string, refs: readonly TicketRef[]) {
    this.guard(p, token);
    return this.recordsOf(p, refs);
  }

  /** The records of `refs` by `refKey`, absent ones omitted (unfenced: the callers fence). */
  private recordsOf(p: number, refs: readonly TicketRef[]): Map<string, TicketRecord> {
    const { records } = this.part(p);
    return new Map(refs.flatMap((ref) => (records.has(refKey(ref)) ? [[refKey(ref), records.get(refKey(ref)) as TicketRecord]] : [])));
  }

  async commit(p: number, token: string, writes: readonly RecordWrite[]) {
    const state = this.guard(p, token);
    for (const w of writes) {
      const key = refKey(w.record.ref);
      state.records.set(key, w.record);
      const open = w.expireAfterMs === undefined;
      this.index(state, key, w.record.ref.tenantId, open ? w.record.armedAt : null, open ? this.pausedSince(w.record) : null);
    }
  }

  async read(p: number, ref: TicketRef) {
    return this.part(p).records.get(refKey(ref)) ?? null;
  }

  async claim(p: number, token: string): Promise<'intact' | 'lost'> {
    const state = this.part(p);
    state.epoch = token;
    return state.built ? 'intact' : 'lost';
  }

  async restore(p: number, token: string, records: readonly TicketRecord[]) {
    const state = this.part(p);
    if (state.epoch !== null && state.epoch !== token) throw new FencedOut(p);
    // The indexes hold exactly the restored records; records of done tickets stay until they expire.
    state.due.clear();
    state.paused.clear();
    state.tenants.clear();
    for (const r of records) {
      state.records.set(refKey(r.ref), r);
      this.index(state, refKey(r.ref), r.ref.tenantId, r.armedAt, this.pausedSince(r));
    }
    state.epoch = token;
    state.built = true;
  }

  async due(p: number, until: number, limit: number) {
    return [...this.part(p).due].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([k]) => refOfKey(k));
  }

  async loadDue(p: number, token: string, until: number, limit: number) {
    this.guard(p, token);
    const refs = await this.due(p, until, limit + 1);
    if (refs.length > limit) return 'more' as const;
    return { refs, records: this.recordsOf(p, refs) };
  }

  async firstDueAfter(p: number, after: number) {
    const later = [...this.part(p).due.values()].filter((at) => at > after);
    return later.length === 0 ? null : Math.min(...later);
  }

  async open(p: number) {
    return [...new Set([...this.part(p).due.keys(), ...this.part(p).paused.keys()])].sort().map(refOfKey);
  }

  async board(query: BoardQuery): Promise<BoardEntry[]> {
    const { after, tenantId } = query;
    const entries = query.partitions.flatMap((p) => {
      const state = this.part(p);
      const index = tenantId === undefined ? state[query.index] : (state.tenants.get(tenantId)?.[query.index] ?? new Map<string, number>());
      return [...index].map(([key, score]) => ({ position: { score, key }, record: state.records.get(key) }));
    });
    return entries
      .filter((e) => after === null || e.position.score > after.score || (e.position.score === after.score && e.position.key > after.key))
      .sort((a, b) => a.position.score - b.position.score || (a.position.key < b.position.key ? -1 : 1))
      .slice(0, query.limit)
      .flatMap((e) => (e.record === undefined ? [] : [{ position: e.position, record: e.record }]));
  }

  async check(owned: ReadonlyMap<number, string>) {
    return new Map([...owned].map(([p, token]) => [p, !this.part(p).built ? 'lost' : this.part(p).epoch === token ? 'intact' : 'taken'] as const));
  }

  /** What Redis does on a restart without persistence. */
  flush(): void {
    this.partitions.clear();
  }
}

/** Timers in memory: one per ticket, as BullMQ holds them. */
export class InMemoryTimers implements TicketTimers {
  readonly armed = new Map<string, number>();
  moves = 0;
  adds = 0;

  async arm(_p: number, arms: readonly TimerArm[]) {
    for (const a of arms) {
      if (this.armed.has(refKey(a.ref))) this.moves++;
      else this.adds++;
      this.armed.set(refKey(a.ref), a.at);
    }
  }

  async cancel(_p: number, refs: readonly TicketRef[]) {
    for (const ref of refs) this.armed.delete(refKey(ref));
  }

  /** The timers due at `now`, as a worker would take them. */
  takeDue(now: number): TicketRef[] {
    const due = [...this.armed].filter(([, at]) => at <= now).map(([k]) => k);
    for (const k of due) this.armed.delete(k);
    return due.map(refOfKey);
  }
}

/** The topics in memory. */
export class InMemoryOutbox implements SlaOutbox {
  /** Fired thresholds (`sla.escalated`, `sla.breached`). */
  readonly notifications: SlaNotification[] = [];
  readonly cleared: SlaCleared[] = [];
  readonly outcomes: SlaTicketOutcome[] = [];
  readonly changelog = new Map<string, TicketRecord | null>();
  failNext = 0;

  async publish(_p: number, published: readonly SlaPublication[], changelog: readonly ChangelogEntry[]) {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('broker unavailable'), { retriable: true });
    }
    for (const p of published) {
      if (p.type === 'sla.cleared') this.cleared.push(p);
      else if (p.type === 'sla.outcome') this.outcomes.push(p);
      else this.notifications.push(p);
    }
    for (const c of changelog) this.changelog.set(refKey(c.ref), c.record);
  }
}
