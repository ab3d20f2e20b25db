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
}

/** The clock store in memory, with the Redis store's fence and loss semantics. */
export class InMemoryClockStore implements ClockStore {
  private readonly partitions = new Map<number, PartitionState>();

  /** @param pausedSince as the Redis store's: the pause under the version governing the ticket. */
  constructor(private readonly pausedSince: PauseReader = neverPaused) {}

  private part(p: number): PartitionState {
    let state = this.partitions.get(p);
    if (!state) this.partitions.set(p, (state = { epoch: null, built: false, records: new Map(), due: new Map(), paused: new Map() }));
    return state;
  }

  private guard(p: number, token: string): PartitionState {
    const state = this.part(p);
    if (!state.built) throw new StateLost(p);
    if (state.epoch !== token) throw new FencedOut(p);
    return state;
  }

  async load(p: number, token: string, refs: readonly TicketRef[]) {
    const state = this.guard(p, token);
    return new Map(refs.flatMap((ref) => (state.records.has(refKey(ref)) ? [[refKey(ref), state.records.get(refKey(ref)) as TicketRecord]] : [])));
  }

  async commit(p: number, token: string, writes: readonly RecordWrite[]) {
    const state = this.guard(p, token);
    for (const w of writes) {
      const key = refKey(w.record.ref);
      state.records.set(key, w.record);
      if (w.expireAfterMs === undefined && w.record.armedAt !== null) state.due.set(key, w.record.armedAt);
      else state.due.delete(key);
      const since = w.expireAfterMs === undefined ? this.pausedSince(w.record) : null;
      if (since !== null) state.paused.set(key, since);
      else state.paused.delete(key);
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
    for (const r of records) {
      state.records.set(refKey(r.ref), r);
      if (r.armedAt !== null) state.due.set(refKey(r.ref), r.armedAt);
      const since = this.pausedSince(r);
      if (since !== null) state.paused.set(refKey(r.ref), since);
    }
    state.epoch = token;
    state.built = true;
  }

  async due(p: number, until: number, limit: number) {
    return [...this.part(p).due].filter(([, at]) => at <= until).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([k]) => refOfKey(k));
  }

  async open(p: number) {
    return [...new Set([...this.part(p).due.keys(), ...this.part(p).paused.keys()])].sort().map(refOfKey);
  }

  async board(query: BoardQuery): Promise<BoardEntry[]> {
    const entries = query.partitions.flatMap((p) =>
      [...this.part(p)[query.index]].map(([key, score]) => ({ position: { score, key }, record: this.part(p).records.get(key) })),
    );
    const { after, tenantId } = query;
    return entries
      .filter((e) => tenantId === undefined || e.position.key.startsWith(`${tenantId}|`))
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
