import type { ClockName, Priority } from '@stageplus/contracts';
import type { ClockStatus } from './clock';
import type { TicketSla } from './evaluate-ticket';

/** Counts of clocks by status, for one clock and priority. */
export type ComplianceRow = { readonly clock: ClockName; readonly priority: Priority } & Record<ClockStatus, number>;

/** Met and breached (and still open) clocks per clock and priority: the compliance table. */
export function complianceSummary(tickets: readonly TicketSla[]): ComplianceRow[] {
  const rows = new Map<string, Record<ClockStatus, number> & { clock: ClockName; priority: Priority }>();
  for (const ticket of tickets) {
    for (const clock of [ticket.clocks.response, ticket.clocks.resolution]) {
      const key = `${clock.clock}:${ticket.priority}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { clock: clock.clock, priority: ticket.priority, running: 0, paused: 0, met: 0, breached: 0 };
        rows.set(key, row);
      }
      row[clock.status]++;
    }
  }
  const clockOrder: Record<ClockName, number> = { response: 0, resolution: 1 };
  return [...rows.values()].sort(
    (a, b) => clockOrder[a.clock] - clockOrder[b.clock] || a.priority.localeCompare(b.priority),
  );
}
