import { foldTicket } from '@stageplus/sla-engine';
import type { TicketRecord } from './ticket-record';

/** Whether the ticket ever took one of the pause statuses: only those can be in the paused index. */
export const everPaused = (record: TicketRecord, pauseStatuses: readonly string[]): boolean =>
  record.events.some((e) => e.status !== undefined && pauseStatuses.includes(e.status));

/**
 * When the ticket's resolution clock was paused, if it is paused now (an open pause of a ticket
 * neither resolved nor closed); null otherwise. Runs on every commit for the paused index, so a
 * ticket that never took a pause status skips the fold.
 */
export function pausedSince(record: TicketRecord, pauseStatuses: readonly string[]): number | null {
  if (!everPaused(record, pauseStatuses)) return null;
  const state = foldTicket(record.events, { pauseStatuses });
  if (state === null || state.closedAt !== null || state.resolution.stop !== null) return null;
  const last = state.resolution.pauses[state.resolution.pauses.length - 1];
  return last !== undefined && last.to === Infinity ? last.from : null;
}
