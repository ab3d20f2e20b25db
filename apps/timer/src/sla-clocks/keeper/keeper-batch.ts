import type { PrioritizedEvent } from '../apply-ticket-event/ticket-prioritized.parser';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { refKey, refOf, type TicketRef } from '../ticket-ref';
import type { TimerArm } from './ports';
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
