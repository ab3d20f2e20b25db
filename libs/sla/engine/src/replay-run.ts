import type { SlaCleared, SlaNotification, SlaTicketOutcome } from '@stageplus/contracts';
import { clearingMarks } from './clearing';
import { decideAt, type DecideOptions } from './decide';
import { evaluateTicket, isOpened, type EvaluationContext, type TicketSla } from './evaluate-ticket';
import { isFinal, outcomeMark } from './fired-marks';
import { firingMarkOf } from './firing';
import type { KnownEvent } from './known-event';
import { MinHeap } from './min-heap';
import { ticketOutcome } from './outcome';
import { toSlaCleared } from './sla-cleared-event';
import { toSlaEvent } from './sla-event';
import { foldUnderPolicy } from './ticket-policy';

export interface TicketReplayError {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly code: string;
  readonly message: string;
}

interface Tracked {
  readonly events: KnownEvent[];
  readonly eventIds: Set<string>;
  readonly fired: Set<string>;
  version: number;
  failed: boolean;
  /**
   * The instant the ticket's timer is set for, as the timer's record keeps it (`armedAt`): its next
   * threshold after a decision that has one; left as it was by events that leave none (the timer
   * goes off, finds nothing and ends); none after a timer or a correction found none.
   */
  armedAt: number | null;
  /** Its resolution clock held by an open pause, as of its last decision. */
  paused: boolean;
}

/** Why a ticket is decided: events learnt, its timer, or a correction published (`publishedAt`). */
export type Wake = { readonly by: 'learnt' | 'timer' } | { readonly by: 'correction'; readonly publishedAt: number };

/** The tickets of a replay, their timers and what they published. */
export class ReplayRun {
  readonly fired: SlaNotification[] = [];
  readonly cleared: SlaCleared[] = [];
  /** The latest outcome per ticket (more events after its close revise it). */
  readonly outcomes = new Map<string, SlaTicketOutcome>();
  readonly errors: TicketReplayError[] = [];
  private readonly tickets = new Map<string, Tracked>();
  private readonly timers = new MinHeap<{ key: string; version: number }>();

  constructor(private readonly ctx: EvaluationContext) {}

  /** Learns an event; resolves with its ticket's key, or null for a repeated `eventId` (nothing new to decide). */
  learn(event: KnownEvent): string | null {
    const key = `${event.tenantId}\u0000${event.ticketId}`;
    let tracked = this.tickets.get(key);
    if (tracked === undefined) {
      tracked = { events: [], eventIds: new Set(), fired: new Set(), version: 0, failed: false, armedAt: null, paused: false };
      this.tickets.set(key, tracked);
    }
    // A repeated eventId is ignored: the first arrival, and its processing time, stand.
    if (tracked.eventIds.has(event.eventId)) return null;
    tracked.eventIds.add(event.eventId);
    tracked.events.push(event);
    return key;
  }

  /**
   * The tickets the timer holds open at `t` (`ClockStore.open`: a timer set for `t` or later, or a
   * pause), what a correction published at `t` decides again; not a closed ticket with nothing
   * left to fire, which is final.
   */
  *heldOpen(t: number): IterableIterator<string> {
    for (const [key, tracked] of this.tickets) {
      const final = isFinal(tracked.fired, tracked.events.length);
      if (!tracked.failed && !final && ((tracked.armedAt !== null && tracked.armedAt >= t) || tracked.paused)) yield key;
    }
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

  step(key: string, t: number, wake: Wake): void {
    const tracked = this.tickets.get(key);
    if (tracked === undefined || tracked.failed) return;
    tracked.version++;
    const decision = this.decide(tracked, t, wake.by === 'correction' ? { publishedAt: wake.publishedAt } : {});
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
    const outcome = decision.done && !tracked.fired.has(outcomeMark(tracked.events.length)) ? ticketOutcome(sla, tracked.fired) : null;
    if (outcome !== null) {
      tracked.fired.add(outcomeMark(tracked.events.length));
      this.outcomes.set(key, outcome);
    }
    tracked.paused = sla.clocks.resolution.pausedSince !== null;
    const next = decision.upcoming[0];
    if (next !== undefined) this.timers.push(next.at, { key, version: tracked.version });
    tracked.armedAt = next?.at ?? (wake.by === 'learnt' ? tracked.armedAt : null);
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
