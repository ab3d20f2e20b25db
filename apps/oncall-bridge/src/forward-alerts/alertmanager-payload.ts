import { createHash } from 'node:crypto';
import type { SlaCleared, SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import { lastAlertOf, severityOf, ticketSlaUrl } from './on-call-alert';

/** Alertmanager's "no time" (Go's zero time), as it sends `endsAt` for a firing alert. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export interface AlertmanagerOptions {
  readonly receiver: string;
  /** Base of `externalURL` and of each alert's `generatorURL` (a ticket's SLA). */
  readonly externalUrl: string;
}

export interface AlertmanagerAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/** Prometheus Alertmanager's webhook payload, version 4 (what `webhook_configs` receivers take). */
export interface AlertmanagerPayload {
  readonly version: '4';
  readonly groupKey: string;
  readonly truncatedAlerts: 0;
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly AlertmanagerAlert[];
}

/** Stable per alertKey, 16 hex digits like Alertmanager's own: the receiver's identity of the alert. */
export const alertFingerprint = (alertKey: string): string => createHash('sha256').update(alertKey).digest('hex').slice(0, 16);

/**
 * One SLA event as one Alertmanager group of one alert: `firing` for an escalation or a breach,
 * `resolved` for a clear. The labels that identify the alert (`alertname`, tenant, ticket, clock)
 * are the same for every event of an alertKey, and so is the fingerprint; severity and level
 * rise as thresholds fire. A resolved alert's `startsAt` is Alertmanager's zero time: the clear
 * does not carry when the first threshold fell, and receivers match on the fingerprint.
 */
export function alertmanagerPayload(event: SlaTopicEvent, options: AlertmanagerOptions): AlertmanagerPayload {
  const alert = event.type === 'sla.cleared' ? resolvedAlert(event, options) : firingAlert(event, options);
  const groupLabels = { tenant: event.tenantId, ticket: event.ticketId, clock: event.clock };
  return {
    version: '4',
    groupKey: `{}:{alertKey="${event.alertKey}"}`,
    truncatedAlerts: 0,
    status: alert.status,
    receiver: options.receiver,
    groupLabels,
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: options.externalUrl,
    alerts: [alert],
  };
}

function firingAlert(event: SlaNotification, options: AlertmanagerOptions): AlertmanagerAlert {
  const what = event.type === 'sla.breached' ? 'breached' : `escalated to level ${event.level}`;
  return {
    status: 'firing',
    labels: labels(event, severityOf(event.type, event.level), event.level),
    annotations: {
      summary: event.message.fr,
      summary_en: event.message.en,
      description:
        `${event.tenantId} ticket ${event.ticketId} (${event.priority}, ${event.plan}): the ${event.clock} clock ${what} at ${event.percent} %` +
        ` (threshold ${event.thresholdAt}${event.dueAt === null ? ', paused' : `, due ${event.dueAt}`}${event.late ? ', fired late' : ''}).`,
    },
    startsAt: event.thresholdAt,
    endsAt: ZERO_TIME,
    generatorURL: ticketSlaUrl(options.externalUrl, event),
    fingerprint: alertFingerprint(event.alertKey),
  };
}

function resolvedAlert(event: SlaCleared, options: AlertmanagerOptions): AlertmanagerAlert {
  const last = lastAlertOf(event);
  return {
    status: 'resolved',
    labels: labels(event, last?.severity ?? 'info', last?.level ?? null),
    annotations: {
      summary: event.message.fr,
      summary_en: event.message.en,
      description: `${event.tenantId} ticket ${event.ticketId} (${event.priority}, ${event.plan}): the ${event.clock} clock cleared (${event.reason}) at ${event.since}.`,
    },
    startsAt: ZERO_TIME,
    endsAt: event.since,
    generatorURL: ticketSlaUrl(options.externalUrl, event),
    fingerprint: alertFingerprint(event.alertKey),
  };
}

function labels(event: SlaTopicEvent, severity: string, level: number | null): Record<string, string> {
  return {
    alertname: event.clock === 'response' ? 'SlaResponseAtRisk' : 'SlaResolutionAtRisk',
    tenant: event.tenantId,
    ticket: event.ticketId,
    clock: event.clock,
    priority: event.priority,
    severity,
    level: level === null ? 'breach' : String(level),
  };
}
