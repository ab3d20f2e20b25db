import type { DecideOptions, EvaluationContext } from '@stageplus/sla-engine';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { refKey, type TicketRef } from '../ticket-ref';
import type { Change } from './keeper-batch';
import { fireDue } from './ticket-clock';

/**
 * BullMQ promotes a delayed job up to a millisecond before its instant; deciding then would find
 * nothing due and re-arm it for the same instant. Within that tolerance the timer decides at the
 * instant it was armed for. Never beyond: a wake-up that is not the armed one (a stale job, a
 * catch-up that lost the race with the worker) decides at `now` and fires nothing early.
 */
export const EARLY_WAKE_TOLERANCE_MS = 2;

function decisionTime(armedAt: number | null, now: number): number {
  return armedAt !== null && armedAt > now && armedAt - now <= EARLY_WAKE_TOLERANCE_MS ? armedAt : now;
}

/**
 * What the loaded records of tickets woken at `now` (their timer went off, a catch-up, a
 * correction: `options`) decide, nothing written: each ticket's next threshold (by `refKey`; null ends its
 * timer) and the changes to make durable, the timer re-armed in the record.
 */
export function decideDue(records: ReadonlyMap<string, TicketRecord>, refs: readonly TicketRef[], now: number, ctx: EvaluationContext, options: DecideOptions = {}) {
  const next = new Map<string, number | null>();
  const changes: Change[] = [];
  for (const ref of refs) {
    const record = records.get(refKey(ref));
    if (record === undefined) {
      next.set(refKey(ref), null); // a timer without a ticket (forgotten after closing): let it end
      continue;
    }
    // Following a correction is no timer's wake-up: it decides at `now`, as replay does at the publication.
    const at = options.publishedAt === undefined ? decisionTime(record.armedAt, now) : now;
    const step = fireDue(record, at, ctx, options);
    next.set(refKey(ref), step.next);
    const rearmed = { ...step.record, armedAt: step.next };
    if (step.changed || rearmed.armedAt !== record.armedAt) changes.push({ step: { ...step, record: rearmed, changed: true }, arm: null });
  }
  return { next, changes };
}
