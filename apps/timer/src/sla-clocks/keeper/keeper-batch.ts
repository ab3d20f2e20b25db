import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import { LONG_RECORD_EVENTS, type TicketRecord } from '../ticket-record/ticket-record';
import { refKey, refOf, type TicketRef } from '../ticket-ref';
import type { RecordWrite, TimerArm } from './ports';
import type { ClockStep } from './ticket-clock';

/** What one ticket's step leaves to make durable: its record and notifications, and its timer. */
export interface Change {
  readonly step: ClockStep;
  /** The timer to move or add, if the next threshold moved. */
  readonly arm: TimerArm | null;
}

/**
 * After events, the ticket's timer follows its next threshold. When nothing is upcoming the timer
 * is left as it is: it goes off, finds nothing due and ends, which is cheaper and safer than a
 * removal racing a firing.
 */
export function armedByEvents(step: ClockStep): Change {
  const { record, next } = step;
  if (!step.changed || next === null || next === record.armedAt) return { step, arm: null };
  const arm: TimerArm = { ref: record.ref, at: next };
  return { step: { ...step, record: { ...record, armedAt: next } as TicketRecord }, arm };
}

/** A batch's events by ticket, each ticket's in arrival order. */
export function groupByTicket(events: readonly PrioritizedEvent[]): Map<string, { ref: TicketRef; events: PrioritizedEvent[] }> {
  const groups = new Map<string, { ref: TicketRef; events: PrioritizedEvent[] }>();
  for (const prioritized of events) {
    const key = refKey(prioritized.event);
    const group = groups.get(key) ?? { ref: refOf(prioritized.event), events: [] };
    group.events.push(prioritized);
    groups.set(key, group);
  }
  return groups;
}

/** Two in flight: one computes while the other waits for the broker. */
export async function twoLanes<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(
    [0, 1].map(async (lane) => {
      for (let i = lane; i < items.length; i += 2) await work(items[i]);
    }),
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Tickets with a long record (`LONG_RECORD_EVENTS` or more) one part of a batch makes durable
 * (`applyEvents`). A flood of updates to hot tickets arrives as batches whose every record is a
 * whole history: published, committed and encoded in one go, such a batch held the event loop,
 * the producer and Redis long enough for a firing due meanwhile to wait for all of it. In parts,
 * the firing gets in between (noisy neighbour p99 55 -> 37 ms, docs/benchmarks.md); fresh
 * tickets stay in one part, so the pipeline pays no extra round trips.
 */
export const LONG_TICKETS_PER_PART = 16;

/** Where a batch's parts end (`ClockKeeper.applyEvents`): after every `LONG_TICKETS_PER_PART`th ticket with a long record. */
export class BatchParts {
  private long = 0;

  /** Counts the step's ticket; true when the part it closes is full. */
  full(step: ClockStep): boolean {
    if (step.record.events.length < LONG_RECORD_EVENTS || ++this.long < LONG_TICKETS_PER_PART) return false;
    this.long = 0;
    return true;
  }
}

/** After a catch-up round: the timers to move to each ticket's next threshold, and those to end. */
export function timersAfter(refs: readonly TicketRef[], next: ReadonlyMap<string, number | null>): { arms: TimerArm[]; ended: TicketRef[] } {
  const arms: TimerArm[] = [];
  const ended: TicketRef[] = [];
  for (const ref of refs) {
    const at = next.get(refKey(ref)) ?? null;
    if (at === null) ended.push(ref);
    else arms.push({ ref, at });
  }
  return { arms, ended };
}

/** A step's record as the store writes it: a closed ticket's stays readable for `closedRetentionMs`, then goes. */
export function recordWrite(step: ClockStep, closedRetentionMs: number): RecordWrite {
  return step.done ? { record: step.record, expireAfterMs: closedRetentionMs } : { record: step.record };
}
