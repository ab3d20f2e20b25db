import type { ClockName, Priority, SlaTicketOutcome } from '@stageplus/contracts';
import { DateTime } from 'luxon';

/** What a report covers: one tenant or all, local dates of closing `from`..`to` inclusive (`YYYY-MM-DD`). */
export interface ReportPeriod {
  readonly tenantId: string | null;
  readonly from: string;
  readonly to: string;
}

/** Met and breached clocks of the tickets closed in one local month, for one tenant, priority and clock. */
export interface ComplianceRow {
  readonly tenantId: string;
  /** `YYYY-MM`, the month of `closedAt` in the establishment's zone. */
  readonly month: string;
  readonly priority: Priority;
  readonly clock: ClockName;
  readonly met: number;
  readonly breached: number;
  /** Met over met + breached, in percent with one decimal. */
  readonly compliancePercent: number;
}

export interface ComplianceReport {
  readonly period: ReportPeriod;
  /** Tickets counted (each gives one row count per clock). */
  readonly tickets: number;
  /** By tenant, month, priority, then response before resolution. */
  readonly rows: readonly ComplianceRow[];
}

/** A report that cannot be made as asked: the code is stable, the message names the field. */
export class ReportError extends Error {
  constructor(
    readonly code: 'REPORT.INVALID_PERIOD' | 'REPORT.INVALID_OUTCOME',
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCKS: readonly ClockName[] = ['response', 'resolution'];

/** Validates the period: two calendar dates, `from` not after `to`. */
export function reportPeriod(tenantId: string | null, from: string, to: string): ReportPeriod {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!DAY.test(value) || !DateTime.fromISO(value).isValid) throw new ReportError('REPORT.INVALID_PERIOD', `${name} must be a date YYYY-MM-DD, not "${value}"`);
  }
  if (from > to) throw new ReportError('REPORT.INVALID_PERIOD', `from (${from}) is after to (${to})`);
  return { tenantId, from, to };
}

/** The local calendar day of the closing, in the establishment's zone: what "closed in March" means there. */
function localDay(o: SlaTicketOutcome): string {
  const day = DateTime.fromISO(o.closedAt, { zone: o.timeZone }).toISODate();
  if (day === null) throw new ReportError('REPORT.INVALID_OUTCOME', `the outcome of ${o.tenantId}/${o.ticketId} has closedAt "${o.closedAt}" in zone "${o.timeZone}": not an instant in a known zone`);
  return day;
}

/**
 * Compliance per tenant, local month of closing, priority and clock, from ticket outcomes (the
 * `sla.outcomes` topic or a replay). A ticket closed on the last evening of a month in Québec is
 * in that month, though it is already the next one in UTC. Later outcomes of a ticket replace
 * earlier ones (the topic is compacted by ticket; a reading may still see both).
 */
export function complianceReport(outcomes: Iterable<SlaTicketOutcome>, period: ReportPeriod): ComplianceReport {
  const latest = new Map<string, SlaTicketOutcome>();
  for (const o of outcomes) {
    if (period.tenantId !== null && o.tenantId !== period.tenantId) continue;
    const day = localDay(o);
    if (day < period.from || day > period.to) continue;
    latest.set(`${o.tenantId}:${o.ticketId}`, o);
  }
  const counts = new Map<string, { tenantId: string; month: string; priority: Priority; clock: ClockName; met: number; breached: number }>();
  for (const o of latest.values()) {
    const month = localDay(o).slice(0, 7);
    for (const clock of CLOCKS) {
      const key = [o.tenantId, month, o.priority, CLOCKS.indexOf(clock)].join('\u0000');
      const row = counts.get(key) ?? { tenantId: o.tenantId, month, priority: o.priority, clock, met: 0, breached: 0 };
      if (o.clocks[clock].status === 'met') row.met++;
      else row.breached++;
      counts.set(key, row);
    }
  }
  const rows = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => ({ ...r, compliancePercent: percent(r.met, r.met + r.breached) }));
  return { period, tickets: latest.size, rows };
}

export const percent = (met: number, total: number): number => Math.round((1000 * met) / total) / 10;
