import type { ClockName, Priority, SlaTicketOutcome } from '@stageplus/contracts';
import { DateTime } from 'luxon';

/** Met and breached clocks of one establishment, priority, clock and local month. */
export interface ComplianceRow {
  readonly tenantId: string;
  /** `YYYY-MM`, the month of the ticket's closing in its establishment's zone. */
  readonly month: string;
  readonly priority: Priority;
  readonly clock: ClockName;
  met: number;
  breached: number;
}

export interface ComplianceQuery {
  /** Months `YYYY-MM`, both included. */
  readonly from: string;
  readonly to: string;
  /** Which outcomes count: the viewer's tenants, narrowed to one when asked. */
  readonly includes: (tenantId: string) => boolean;
}

const ORDER = (a: ComplianceRow, b: ComplianceRow) =>
  a.tenantId.localeCompare(b.tenantId) || a.month.localeCompare(b.month) || a.priority.localeCompare(b.priority) || a.clock.localeCompare(b.clock);

/**
 * Compliance per establishment, priority, clock and month from the tickets' outcomes. A ticket
 * counts in the month it closed, read in its establishment's zone (a ticket closed at 21:00 on
 * June 30 in Montréal is June's, though it is July in UTC). The console's one aggregation call.
 */
export function complianceRows(outcomes: Iterable<SlaTicketOutcome>, query: ComplianceQuery): ComplianceRow[] {
  const rows = new Map<string, ComplianceRow>();
  for (const outcome of outcomes) {
    if (!query.includes(outcome.tenantId)) continue;
    const month = DateTime.fromISO(outcome.closedAt, { zone: outcome.timeZone }).toFormat('yyyy-MM');
    if (month < query.from || month > query.to) continue;
    for (const clock of [outcome.clocks.response, outcome.clocks.resolution]) {
      const key = `${outcome.tenantId}|${month}|${outcome.priority}|${clock.clock}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { tenantId: outcome.tenantId, month, priority: outcome.priority, clock: clock.clock, met: 0, breached: 0 };
        rows.set(key, row);
      }
      row[clock.status]++;
    }
  }
  return [...rows.values()].sort(ORDER);
}
