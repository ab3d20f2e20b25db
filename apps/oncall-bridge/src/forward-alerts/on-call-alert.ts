import type { SlaCleared, SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import type { AlertRoute } from '../destinations/bridge-destination';

/** How loud an alert is, in the words both formats share (PagerDuty's severities). */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

/** A breach is critical; escalation level 3 (overdue, management) an error; 2 a warning; 1 info. */
export function severityOf(type: SlaNotification['type'], level: number | null): Severity {
  if (type === 'sla.breached') return 'critical';
  if (level !== null && level >= 3) return 'error';
  return level === 2 ? 'warning' : 'info';
}

/** The loudest of the alerts a clear resolves (what the on-call tool shows last). */
export function lastAlertOf(cleared: SlaCleared): { severity: Severity; level: number | null; type: SlaNotification['type'] } | null {
  const rank: Record<Severity, number> = { info: 1, warning: 2, error: 3, critical: 4 };
  let best: { severity: Severity; level: number | null; type: SlaNotification['type'] } | null = null;
  for (const alert of cleared.alerts) {
    const severity = severityOf(alert.type, alert.level);
    if (best === null || rank[severity] >= rank[best.severity]) best = { severity, level: alert.level, type: alert.type };
  }
  return best;
}

/** Which SLA events go to a destination (its route; `types` undefined takes both kinds). */
export type AlertFilter = AlertRoute;

export type ForwardDecision = { readonly forward: true } | { readonly forward: false; readonly why: string };

/**
 * Whether an event read from `topicRole` goes out. A clear is published on every SLA topic its
 * clock's alerts went to: the bridge forwards the copy on `sla.breaches` when the clock breached
 * (that copy comes after the breach in its partition, so the resolve cannot overtake the breach's
 * trigger), else the copy on `sla.escalations`. A clear whose alerts were all filtered out
 * resolves nothing the tool knows, and is not forwarded either.
 */
export function forwardDecision(event: SlaTopicEvent, topicRole: 'escalations' | 'breaches', filter: AlertFilter): ForwardDecision {
  if (filter.tenants !== null && !filter.tenants.includes(event.tenantId)) return { forward: false, why: 'tenant not routed here' };
  if (event.type !== 'sla.cleared') {
    if (!routesThreshold(filter, event.type, event.level)) return { forward: false, why: `${event.type} level ${event.level ?? 'breach'} not routed here` };
    return { forward: true };
  }
  const copy = event.breached ? 'breaches' : 'escalations';
  if (topicRole !== copy) return { forward: false, why: `the clear is forwarded from its sla.${copy} copy` };
  const alerted = event.alerts.some((a) => routesThreshold(filter, a.type, a.level));
  return alerted ? { forward: true } : { forward: false, why: 'none of the alerts it clears was routed here' };
}

function routesThreshold(filter: AlertFilter, type: SlaNotification['type'], level: number | null): boolean {
  if (filter.types !== undefined && !filter.types.includes(type)) return false;
  return type === 'sla.breached' || (level ?? 0) >= filter.minLevel;
}

/**
 * The position of an event in its alert's life, as text that sorts in that order: the instant the
 * timer decided it (`firedAt`, `clearedAt`), then the percent reached (a clear comes after the
 * thresholds it lists, before any later one), then thresholds before clears. The bridge never
 * sends an event positioned at or before one already delivered for the same `alertKey`: a
 * trigger that lost a race with a later trigger or with its resolve is stale, and is skipped.
 */
export function alertOrder(event: SlaTopicEvent): string {
  const at = Date.parse(event.type === 'sla.cleared' ? event.clearedAt : event.firedAt);
  const percent = event.type === 'sla.cleared' ? Math.max(0, ...event.alerts.map((a) => a.percent)) : event.percent;
  const kind = event.type === 'sla.cleared' ? 1 : 0;
  return `${String(at).padStart(15, '0')}:${String(Math.round(percent * 100)).padStart(7, '0')}:${kind}`;
}

/** Where a ticket's SLA (clocks, deadlines, what fired and why) is read: the link both formats carry. */
/** Where alerts link to: the base URLs of the timer's SLA API and of the SLA console. */
export interface AlertLinks {
  readonly sla: string;
  readonly console: string;
}

/** The ticket's page in the SLA console (`#/ticket/{tenant}/{ticket}`, the console's own route). */
export function ticketConsoleUrl(consoleUrl: string, event: { readonly tenantId: string; readonly ticketId: string }): string {
  return `${consoleUrl}/#/ticket/${encodeURIComponent(event.tenantId)}/${encodeURIComponent(event.ticketId)}`;
}

export function ticketSlaUrl(externalUrl: string, event: { readonly tenantId: string; readonly ticketId: string }): string {
  return `${externalUrl}/v1/tenants/${encodeURIComponent(event.tenantId)}/tickets/${encodeURIComponent(event.ticketId)}/sla`;
}
