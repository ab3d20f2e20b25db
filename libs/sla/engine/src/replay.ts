import type { SlaCleared, SlaNotification, SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import { clearingMarks } from './clearing';
import { ticketOutcome } from './outcome';
import { toSlaCleared } from './sla-cleared-event';
import { evaluateTicket, isOpened, type EvaluationContext, type TicketSla } from './evaluate-ticket';
import { foldUnderPolicy } from './ticket-policy';
import { decideAt, type DecideOptions } from './decide';
import { firingMarkOf } from './firing';
import { toSlaEvent } from './sla-event';
import type { KnownEvent } from './known-event';
import { MinHeap } from './min-heap';
import { canonicalOrder } from './canonical-order';

export type ReplayOptions = EvaluationContext & {
  /**
   * Virtual time runs up to this instant, inclusive (ms). Default: the latest processing time.
   * `Infinity` runs until nothing is left to fire.
   */
  readonly until?: number;
};

export interface TicketReplayError {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly code: string;
  readonly message: string;
}

export interface ReplayResult {
  /** Every fired threshold, in `firedAt` order. */
  readonly fired: readonly SlaNotification[];
  /** Every cleared alert, in `clearedAt` order. */
  readonly cleared: readonly SlaCleared[];
  /** Everything the timer publishes on the SLA topics (thresholds and clears), in time order. */
  readonly events: readonly SlaTopicEvent[];
  /** The outcome of each ticket closed by `until` (what the timer publishes on `sla.outcomes`). */
  readonly outcomes: readonly SlaTicketOutcome[];
  /** Each opened ticket's SLA at `until`. */
  readonly tickets: readonly TicketSla[];
  /** Tickets the policy could not apply to (unknown tenant, ...): reported, skipped. */
  readonly errors: readonly TicketReplayError[];
  readonly until: number;
}

interface Tracked {
  readonly events: KnownEvent[];
  readonly eventIds: Set<string>;
  readonly fired: Set<string>;
  version: number;
  failed: boolean;
}

/**
 * Runs section 7 in virtual time over a log of events (any arrival order, any number of
 * tickets): events are learnt at their processing time; thresholds fire at their own instant or,
 * when learnt late, at the processing time that reveals them.
 */
export function replay(log: readonly KnownEvent[], options: ReplayOptions): ReplayResult {
  const events = [...log].sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
  const until = options.until ?? (events.length > 0 ? events[events.length - 1].receivedAt : 0);
  const run = new ReplayRun(options);
  const publications = publicationInstants(options);
  let i = 0;
  let p = 0;
  let last = events.length > 0 ? events[0].receivedAt : 0;
  for (;;) {
    const nextEvent = i < events.length ? events[i].receivedAt : Infinity;
    const nextTimer = run.nextTimerAt();
    const nextPublication = p < publications.length ? publications[p] : Infinity;
    const t = Math.min(nextEvent, nextTimer, nextPublication);
    if (t > until || t === Infinity) break;
    last = t;
    const touched = new Set<string>();
    for (; i < events.length && events[i].receivedAt === t; i++) touched.add(run.learn(events[i]));
    // A version published now may govern, or correct, any ticket: each is decided again (what the
    // timer does with its open tickets when a version reaches it), following the publication.
    const published = p < publications.length && publications[p] === t;
    for (; p < publications.length && publications[p] <= t; p++) for (const key of run.keys()) touched.add(key);
    if (touched.size === 0 && nextTimer === t) touched.add(run.popTimer());
    for (const key of touched) run.step(key, t, published ? { publishedAt: t } : {});
  }
  // With an open-ended run, the tickets are as of the last thing that happened.
  const asOf = Number.isFinite(until) ? until : last;
  const fired = canonicalOrder(run.fired);
  const cleared = canonicalOrder(run.cleared);
  const published = canonicalOrder<SlaTopicEvent>([...fired, ...cleared]);
  const outcomes = [...run.outcomes.values()];
  return { fired, cleared, events: published, outcomes, tickets: run.finalSlas(asOf), errors: run.errors, until: asOf };
}

/** The finite publication instants of the history, in order, once each. */
function publicationInstants(ctx: EvaluationContext): number[] {
  const instants = (ctx.history?.versions ?? []).map((v) => v.publishedAt).filter((t) => Number.isFinite(t));
  return [...new Set(instants)].sort((a, b) => a - b);
}

class ReplayRun {
  readonly fired: SlaNotification[] = [];
  readonly cleared: SlaCleared[] = [];
  /** The latest outcome per ticket (a ticket closed again after more events replaces it). */
  readonly outcomes = new Map<string, SlaTicketOutcome>();
  readonly errors: TicketReplayError[] = [];
  private readonly tickets = new Map<string, Tracked>();
  private readonly timers = new MinHeap<{ key: string; version: number }>();

  constructor(private readonly ctx: EvaluationContext) {}

  learn(event: KnownEvent): string {
    const key = `${event.tenantId}\u0000${event.ticketId}`;
    let tracked = this.tickets.get(key);
    if (tracked === undefined) {
      tracked = { events: [], eventIds: new Set(), fired: new Set(), version: 0, failed: false };
      this.tickets.set(key, tracked);
    }
    // A repeated eventId is ignored: the first arrival, and its processing time, stand.
    if (!tracked.eventIds.has(event.eventId)) {
      tracked.eventIds.add(event.eventId);
      tracked.events.push(event);
    }
    return key;
  }

  keys(): IterableIterator<string> {
    return this.tickets.keys();
  }

  nextTimerAt(): number {
    // Timers of a ticket recomputed since they were set are stale: drop them lazily.
    for (let top = this.timers.peek(); top !== undefined; top = this.timers.peek()) {
      if (this.tickets.get(top.value.key)?.version === top.value.version) return top.key;
      this.timers.pop();
    }
    return Infinity;
  }

  popTimer(): string {
    const top = this.timers.pop();
    if (top === undefined) throw new Error('no timer to pop');
    return top.key;
  }

  step(key: string, t: number, options: DecideOptions): void {
    const tracked = this.tickets.get(key);
    if (tracked === undefined || tracked.failed) return;
    tracked.version++;
    const decision = this.decide(tracked, t, options);
    if (decision === null) return;
    const sla = decision.sla;
    if (sla === null) return;
    for (const firing of decision.fire) {
      tracked.fired.add(firingMarkOf(firing));
      this.fired.push(toSlaEvent(sla, firing));
    }
    for (const clearing of decision.clear) {
      for (const mark of clearingMarks(clearing)) tracked.fired.add(mark);
      this.cleared.push(toSlaCleared(sla, clearing));
    }
    const outcome = decision.done ? ticketOutcome(sla, tracked.fired) : null;
    if (outcome !== null) this.outcomes.set(key, outcome);
    const next = decision.upcoming[0];
    if (next !== undefined) this.timers.push(next.at, { key, version: tracked.version });
  }

  /** Each ticket's clocks at `asOf`: an evaluation only, nothing to fire. */
  finalSlas(asOf: number): TicketSla[] {
    const out: TicketSla[] = [];
    for (const tracked of this.tickets.values()) {
      if (tracked.failed) continue;
      const state = foldUnderPolicy(tracked.events, this.ctx, asOf);
      if (state !== null && isOpened(state)) out.push(evaluateTicket(state, this.ctx, asOf));
    }
    return out;
  }

  private decide(tracked: Tracked, t: number, options: DecideOptions): ReturnType<typeof decideAt> | null {
    try {
      return decideAt(tracked.events, tracked.fired, this.ctx, t, options);
    } catch (error) {
      tracked.failed = true;
      const first = tracked.events[0];
      const err = error as { code?: string; message?: string };
      this.errors.push({
        tenantId: first.tenantId,
        ticketId: first.ticketId,
        code: err.code ?? 'ENGINE.FAILED',
        message: err.message ?? String(error),
      });
      return null;
    }
  }
}
