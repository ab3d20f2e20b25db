import { createHash } from 'node:crypto';
import type { SlaTopicEvent } from '@stageplus/contracts';
import { severityOf, ticketSlaUrl, type Severity } from './on-call-alert';

export interface PagerDutyOptions {
  readonly routingKey: string;
  /** Base of the ticket link (`client_url`, `custom_details.sla`). */
  readonly externalUrl: string;
}

/** PagerDuty Events API v2: an alert event (`POST https://events.pagerduty.com/v2/enqueue`). */
export type PagerDutyEvent =
  | {
      readonly routing_key: string;
      readonly event_action: 'trigger';
      readonly dedup_key: string;
      readonly client: string;
      readonly client_url: string;
      readonly payload: {
        readonly summary: string;
        readonly source: string;
        readonly severity: Severity;
        readonly timestamp: string;
        readonly component: string;
        readonly group: string;
        readonly class: string;
        readonly custom_details: Readonly<Record<string, unknown>>;
      };
    }
  | { readonly routing_key: string; readonly event_action: 'resolve'; readonly dedup_key: string };

/** PagerDuty cuts a summary at 1024 characters; keep it whole-word rather than cut mid-way. */
const MAX_SUMMARY = 1024;

/**
 * One SLA event as one PagerDuty event, with `dedup_key` = alertKey: every threshold of a clock
 * triggers (or updates) the same incident, and the clear resolves it. A resolve carries no
 * payload (the API ignores it for resolve). The summary is the French message, as the
 * establishments read it; the English one is in `custom_details`.
 */
export function pagerDutyEvent(event: SlaTopicEvent, options: PagerDutyOptions): PagerDutyEvent {
  const dedupKey = dedupKeyOf(event.alertKey);
  if (event.type === 'sla.cleared') return { routing_key: options.routingKey, event_action: 'resolve', dedup_key: dedupKey };
  const link = ticketSlaUrl(options.externalUrl, event);
  return {
    routing_key: options.routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    client: 'STAGE+ SLA monitor',
    client_url: link,
    payload: {
      summary: summary(event.message.fr),
      source: `stageplus-sla/${event.tenantId}`,
      severity: severityOf(event.type, event.level),
      timestamp: event.firedAt,
      component: `${event.clock} clock`,
      group: event.tenantId,
      class: event.type,
      custom_details: {
        ticket: event.ticketId,
        tenant: event.tenantId,
        clock: event.clock,
        priority: event.priority,
        plan: event.plan,
        percent: event.percent,
        level: event.level,
        thresholdAt: event.thresholdAt,
        dueAt: event.dueAt,
        late: event.late,
        eventId: event.eventId,
        summary_en: event.message.en,
        sla: link,
      },
    },
  };
}

/** PagerDuty takes dedup keys of up to 255 characters; two 128-character ids and a clock can make more. */
const MAX_DEDUP_KEY = 255;

/** The alertKey itself, readable in PagerDuty; past the limit, its SHA-256 (still one key per alert). */
function dedupKeyOf(alertKey: string): string {
  return alertKey.length <= MAX_DEDUP_KEY ? alertKey : `sha256:${createHash('sha256').update(alertKey).digest('hex')}`;
}

function summary(text: string): string {
  return text.length <= MAX_SUMMARY ? text : `${text.slice(0, MAX_SUMMARY - 1)}…`;
}
