import type { SlaTicketOutcome } from '@stageplus/contracts';
import { complianceReport, reportPeriod, type ComplianceReport } from '@stageplus/sla-reporting';

export interface ComplianceQuery {
  /** One establishment, or null for all of those `includes` lets through. */
  readonly tenant: string | null;
  /** Local dates of closing `YYYY-MM-DD`, both included. */
  readonly from: string;
  readonly to: string;
  /** The establishments the viewer may read. */
  readonly includes: (tenantId: string) => boolean;
}

/**
 * Compliance per establishment, local month of closing, priority and clock: the same report as
 * `sla report` (`@stageplus/sla-reporting`), over the outcomes the viewer may read. A ticket
 * counts in the month it closed in its establishment's zone.
 */
export function complianceOf(outcomes: Iterable<SlaTicketOutcome>, query: ComplianceQuery): ComplianceReport {
  const visible = [...outcomes].filter((o) => query.includes(o.tenantId));
  return complianceReport(visible, reportPeriod(query.tenant, query.from, query.to));
}
