import type { SlaCleared, SlaNotification, SlaTicketOutcome, SlaTopicEvent } from '@stageplus/contracts';
import type { EvaluationContext, TicketSla } from './evaluate-ticket';
import type { KnownEvent } from './known-event';
import { canonicalOrder } from './canonical-order';
import { ReplayRun, type TicketReplayError } from './replay-run';

export type ReplayOptions = EvaluationContext & {
  /**
   * Virtual time runs up to this instant, inclusive (ms). Default: the latest processing time.
   * `Infinity` runs until nothing is left to fire.
   */
  readonly until?: number;
};

export type { TicketReplayError } from './replay-run';

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

/**
 * Runs section 7 in virtual time over a log of events (any arrival order, any number of
 * tickets): events are learnt at their processing time; thresholds fire at their own instant or,
 * when learnt late, at the processing time that reveals them.
 */
export function replay(log: readonly KnownEvent[], options: ReplayOptions): ReplayResult {
  const events = [...log].sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
  const until = options.until ?? (events.length > 0 ? events[events.length - 1].receivedAt : 0);
  const run = new ReplayRun(options);
  const corrections = correctionInstants(options);
  let i = 0;
  let c = 0;
  let last = events.length > 0 ? events[0].receivedAt : 0;
  for (;;) {
    const nextEvent = i < events.length ? events[i].receivedAt : Infinity;
    const nextTimer = run.nextTimerAt();
    const nextCorrection = c < corrections.length ? corrections[c] : Infinity;
    const t = Math.min(nextEvent, nextTimer, nextCorrection);
    if (t > until || t === Infinity) break;
    last = t;
    const learnt = new Set<string>();
    for (; i < events.length && events[i].receivedAt === t; i++) {
      const key = run.learn(events[i]);
      if (key !== null) learnt.add(key);
    }
    const corrected = nextCorrection === t;
    if (corrected) c++;
    if (learnt.size === 0 && !corrected && nextTimer === t) run.step(run.popTimer(), t, { by: 'timer' });
    for (const key of learnt) run.step(key, t, { by: 'learnt' });
    // What the timer does when a correction reaches it (`redecide`): once the events of the instant
    // are decided (under the correction), the tickets it holds open are decided again, following
    // the publication. A plain new version changes no known ticket: nothing is decided again.
    if (corrected) for (const key of [...run.heldOpen(t)]) run.step(key, t, { by: 'correction', publishedAt: t });
  }
  // With an open-ended run, the tickets are as of the last thing that happened.
  const asOf = Number.isFinite(until) ? until : last;
  const fired = canonicalOrder(run.fired);
  const cleared = canonicalOrder(run.cleared);
  const published = canonicalOrder<SlaTopicEvent>([...fired, ...cleared]);
  const outcomes = [...run.outcomes.values()];
  return { fired, cleared, events: published, outcomes, tickets: run.finalSlas(asOf), errors: run.errors, until: asOf };
}

/** The finite publication instants of the history's corrections (`replaces`), in order, once each. */
function correctionInstants(ctx: EvaluationContext): number[] {
  const instants = (ctx.history?.versions ?? []).filter((v) => v.policy.replaces !== undefined && Number.isFinite(v.publishedAt)).map((v) => v.publishedAt);
  return [...new Set(instants)].sort((a, b) => a - b);
}
