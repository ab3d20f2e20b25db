import type { SlaTicketOutcome } from '@stageplus/contracts';

/**
 * The latest `sla.outcome` of every closed ticket, as the compacted `sla.outcomes` topic holds
 * them (read from its beginning at startup). A ticket closed, reopened and closed again has one
 * outcome: the last.
 */
export class OutcomeStore {
  private readonly outcomes = new Map<string, SlaTicketOutcome>();

  put(key: string, outcome: SlaTicketOutcome | null): void {
    if (outcome === null) this.outcomes.delete(key);
    else this.outcomes.set(key, outcome);
  }

  all(): SlaTicketOutcome[] {
    return [...this.outcomes.values()];
  }

  get size(): number {
    return this.outcomes.size;
  }
}
