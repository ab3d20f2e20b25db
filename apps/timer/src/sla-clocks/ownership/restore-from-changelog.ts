import type { ClockStore, TicketTimers } from '../keeper/ports';
import type { TicketRecord } from '../ticket-record/ticket-record';

export interface RestoreDeps {
  readonly store: Pick<ClockStore, 'restore'>;
  readonly timers: Pick<TicketTimers, 'arm'>;
  /** Reads the changelog partitions: the last record of every open ticket. */
  readonly readChangelog: (partitions: readonly number[]) => Promise<Map<number, TicketRecord[]>>;
}

/**
 * Puts lost partitions back from the changelog: future timers first, then the records with the
 * "built" marker (which the catch-up needs), so a crash in between leaves a partition the next
 * owner rebuilds again; the overdue ones are left to the catch-up. A partition released while the
 * changelog was read (`tokenOf` gives nothing) is skipped. Returns the tickets restored.
 */
export async function restoreFromChangelog(deps: RestoreDeps, partitions: readonly number[], tokenOf: (partition: number) => string | undefined, clock: () => number = Date.now): Promise<number> {
  const records = await deps.readChangelog(partitions);
  let tickets = 0;
  for (const p of partitions) {
    const token = tokenOf(p);
    if (token === undefined) continue;
    const restored = records.get(p) ?? [];
    tickets += restored.length;
    const now = clock();
    const future = restored.filter((r) => r.armedAt !== null && r.armedAt > now);
    await deps.timers.arm(p, future.map((r) => ({ ref: r.ref, at: r.armedAt as number })));
    await deps.store.restore(p, token, restored);
  }
  return tickets;
}
