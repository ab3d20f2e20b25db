import type { AdapterLogger } from '@stageplus/kafka';
import type { ClockStore, TicketTimers } from '../keeper/ports';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { NotOwned } from './ownership-ports';
import { restoreFromChangelog } from './restore-from-changelog';

/** Starts and stops the timer worker of a partition. */
export interface PartitionWorkers {
  start(partition: number): void;
  stop(partition: number): Promise<void>;
}

export interface PartitionOwnerDeps {
  readonly store: ClockStore;
  /** Fires what fell due while no worker ran on the partition (see `ClockKeeper.catchUp`). */
  readonly catchUp: (partition: number, token: string) => Promise<number>;
  readonly timers: TicketTimers;
  readonly workers: PartitionWorkers;
  /** Reads the changelog partitions: the last record of every open ticket. */
  readonly readChangelog: (partitions: readonly number[]) => Promise<Map<number, TicketRecord[]>>;
  readonly logger: AdapterLogger;
  /** Unique to this process: part of every fence token it takes. */
  readonly instanceId: string;
  /** How often the state's presence and the fences are checked (ms). */
  readonly checkEveryMs: number;
}

interface Ownership {
  readonly token: string;
  ready: Promise<void>;
  state: 'taking' | 'rebuilding' | 'ready';
}

/**
 * The partitions this member owns, each with its fence token, and the state behind them. Taking a
 * partition fences out its previous owner (its later writes are refused); when the partition's
 * state is missing from Redis (never built, or Redis restarted without persistence, or flushed),
 * it is rebuilt from the changelog before anything of that partition runs: events wait, then
 * every open ticket's timer is re-armed and what fell due in the gap fires. A watchdog notices a
 * loss while idle, and a fence taken by another member (this one is then a zombie: it stops).
 */
export class PartitionOwner {
  private readonly owned = new Map<number, Ownership>();
  private watchdog: NodeJS.Timeout | null = null;
  private checking = false;
  private generation = 0;

  constructor(private readonly deps: PartitionOwnerDeps) {}

  start(): void {
    this.watchdog = setInterval(() => void this.check(), this.deps.checkEveryMs);
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await Promise.all([...this.owned.keys()].map((p) => this.release(p)));
  }

  /** After a rebalance: takes the new partitions, lets go of the others. */
  assign(partitions: readonly number[]): void {
    for (const p of [...this.owned.keys()]) if (!partitions.includes(p)) void this.release(p);
    const taken = partitions.filter((p) => !this.owned.has(p));
    if (taken.length > 0) this.take(taken);
  }

  /**
   * The fence token of a partition, once its state is ready. Never takes a partition by itself:
   * work left over from before a rebalance (a batch, a due job) must not fence out the new owner.
   */
  async fence(partition: number, keepAlive?: () => Promise<void>): Promise<string> {
    for (;;) {
      const ownership = this.owned.get(partition);
      if (ownership === undefined) throw new NotOwned(partition);
      if (ownership.state === 'ready') return ownership.token;
      await waitOrBeat(ownership.ready, keepAlive);
    }
  }

  /** Partitions whose state is being taken or rebuilt: their clocks cannot be read yet. */
  unavailable(): number[] {
    return [...this.owned].filter(([, o]) => o.state !== 'ready').map(([p]) => p);
  }

  /** Each partition this member owns and where it stands, for the metrics. */
  states(): Map<number, Ownership['state']> {
    return new Map([...this.owned].map(([p, o]) => [p, o.state]));
  }

  /** The partitions this member owns now, ready or not. */
  partitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  private take(partitions: readonly number[]): void {
    const tokens = partitions.map((p) => {
      const ownership: Ownership = { token: `${this.deps.instanceId}:${p}:${Date.now()}:${++this.generation}`, ready: Promise.resolve(), state: 'taking' };
      this.owned.set(p, ownership);
      return ownership;
    });
    const ready = (async () => {
      const states = await Promise.all(partitions.map((p, i) => this.deps.store.claim(p, tokens[i].token)));
      const lost = partitions.filter((_, i) => states[i] === 'lost');
      if (lost.length > 0) await this.rebuild(lost);
      await Promise.all(partitions.map((p, i) => this.catchUp(p, tokens[i].token)));
      for (const p of partitions) this.ready(p);
    })();
    for (const o of tokens) o.ready = this.retrying(ready, partitions);
  }

  /** A failed take or rebuild (Redis or the broker away) is tried again until it works. */
  private retrying(attempt: Promise<void>, partitions: readonly number[]): Promise<void> {
    return attempt.catch(async (error: unknown) => {
      this.deps.logger.warn({ partitions, err: (error as Error).message }, 'taking partitions failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const still = partitions.filter((p) => this.owned.has(p));
      for (const p of still) this.owned.delete(p);
      if (still.length > 0) this.take(still);
      await Promise.all(still.map((p) => this.owned.get(p)?.ready));
    });
  }

  private ready(partition: number): void {
    const ownership = this.owned.get(partition);
    if (ownership === undefined) return;
    ownership.state = 'ready';
    this.deps.workers.start(partition);
  }

  private async catchUp(partition: number, token: string): Promise<void> {
    const started = Date.now();
    const fired = await this.deps.catchUp(partition, token);
    if (fired > 0) this.deps.logger.warn({ partition, tickets: fired, ms: Date.now() - started }, 'caught up with the timers that went off while no worker ran');
  }

  private async rebuild(partitions: readonly number[]): Promise<void> {
    const started = Date.now();
    for (const p of partitions) {
      const o = this.owned.get(p);
      if (o) o.state = 'rebuilding';
    }
    this.deps.logger.warn({ partitions }, 'timer state missing from Redis: rebuilding it from the changelog');
    const tickets = await restoreFromChangelog(this.deps, partitions, (p) => this.owned.get(p)?.token);
    this.deps.logger.warn({ partitions, tickets, ms: Date.now() - started }, 'timer state rebuilt');
  }

  private async release(partition: number): Promise<void> {
    if (!this.owned.delete(partition)) return;
    await this.deps.workers.stop(partition);
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    const ready = new Map([...this.owned].filter(([, o]) => o.state === 'ready').map(([p, o]) => [p, o.token]));
    if (ready.size === 0) return;
    this.checking = true;
    try {
      const states = await this.deps.store.check(ready);
      const lost = [...states].filter(([, s]) => s === 'lost').map(([p]) => p);
      for (const [p, s] of states) {
        if (s !== 'taken') continue;
        this.deps.logger.error({ partition: p }, 'another timer took this partition: stopping its work here');
        await this.release(p);
      }
      if (lost.length > 0) {
        const rebuilding = this.rebuild(lost)
          .then(() => Promise.all(lost.map((p) => this.catchUp(p, this.owned.get(p)?.token ?? ''))))
          .then(() => lost.forEach((p) => this.ready(p)));
        for (const p of lost) {
          const o = this.owned.get(p);
          if (o) o.ready = this.retrying(rebuilding, [p]);
        }
        await rebuilding.catch(() => undefined);
      }
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message }, 'timer state check failed');
    } finally {
      this.checking = false;
    }
  }
}

async function waitOrBeat(ready: Promise<void>, keepAlive?: () => Promise<void>): Promise<void> {
  if (keepAlive === undefined) return ready;
  let done = false;
  void ready.finally(() => (done = true));
  while (!done) {
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    if (!done) await keepAlive().catch(() => undefined);
  }
}
