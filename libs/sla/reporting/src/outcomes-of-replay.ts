import type { SlaTicketOutcome } from '@stageplus/contracts';
import type { ReplayResult } from '@stageplus/sla-engine';

/**
 * The outcomes of a replayed event log: the tickets closed by the end of the run, each with the
 * engine's own `ticketOutcome` (what the timer publishes on `sla.outcomes`), so a report from a
 * log and a report from the live topic count the same way.
 */
export function outcomesOfReplay(result: Pick<ReplayResult, 'outcomes'>): SlaTicketOutcome[] {
  return [...result.outcomes];
}
