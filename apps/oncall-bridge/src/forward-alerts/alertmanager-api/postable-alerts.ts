import type { SlaCleared, SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import { lastAlertOf, severityOf, ticketConsoleUrl, ticketSlaUrl, type AlertLinks } from '../on-call-alert';

/**
 * One alert as Alertmanager's API v2 takes it (`postableAlert` of its OpenAPI spec: `labels`
 * required, `annotations`, `startsAt`, `endsAt`, `generatorURL` optional); a firing alert has
 * no `endsAt`, so Alertmanager keeps it until `resolve_timeout` after the last time it was posted.
 */
export interface PostableAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly generatorURL: string;
}

/** A firing alert as the bridge keeps it in its active set, to post it again until its clock clears. */
export type ActiveAlert = PostableAlert & { readonly startsAt: string };

/** What one SLA event posts, and what the alert's active record becomes (null: nothing left to re-send). */
export interface AlertTransition {
  readonly alerts: readonly PostableAlert[];
  readonly next: ActiveAlert | null;
}

/**
 * An SLA event as the postable alerts it makes, given the alert's active record. Alertmanager
 * knows an alert by its label set, and `severity` and `level` are labels (people route and
 * inhibit on them), so a rising level is a new alert: the previous label set is ended
 * explicitly, at the new threshold's instant, in the same post; left alone it would stay firing
 * until `resolve_timeout`. `startsAt` is when the clock first alerted, kept across levels: how
 * long the ticket has been at risk. A clear ends the active label set at the clear's instant.
 */
export function alertTransition(event: SlaTopicEvent, previous: ActiveAlert | null, links: AlertLinks): AlertTransition {
  if (event.type === 'sla.cleared') return { alerts: [endedAlert(event, previous, links)], next: null };
  const current: ActiveAlert = {
    labels: labelsOf(event, event.type, event.level),
    annotations: firingAnnotations(event, links),
    startsAt: previous === null ? event.thresholdAt : earliest(previous.startsAt, event.thresholdAt),
    generatorURL: ticketSlaUrl(links.sla, event),
  };
  if (previous === null || sameLabels(previous.labels, current.labels)) return { alerts: [current], next: current };
  return { alerts: [{ ...previous, endsAt: latest(previous.startsAt, event.thresholdAt) }, current], next: current };
}

function endedAlert(event: SlaCleared, previous: ActiveAlert | null, links: AlertLinks): PostableAlert {
  const annotations = { summary: event.message.fr, summary_en: event.message.en, description: clearDescription(event), ...linkAnnotations(event, links) };
  // A clear learnt late may say the clock stopped before the threshold fired: Alertmanager refuses an end before the start.
  if (previous !== null) return { ...previous, annotations, endsAt: latest(previous.startsAt, event.since) };
  const last = lastAlertOf(event);
  return { labels: labelsOf(event, last?.type ?? 'sla.escalated', last?.level ?? null), annotations, endsAt: event.since, generatorURL: ticketSlaUrl(links.sla, event) };
}

/** One alert per ticket and clock and level; `priority` and `plan` are what routes and silences match on. */
function labelsOf(event: SlaTopicEvent, type: SlaNotification['type'], level: number | null): Record<string, string> {
  return {
    alertname: event.clock === 'response' ? 'SlaResponseAtRisk' : 'SlaResolutionAtRisk',
    tenant: event.tenantId,
    ticket: event.ticketId,
    clock: event.clock,
    severity: severityOf(type, level),
    level: level === null ? 'breach' : String(level),
    priority: event.priority,
    plan: event.plan,
  };
}

/** `sla`: the ticket's SLA (JSON, the timer's API); `console`: its page in the SLA console, for people. */
const linkAnnotations = (event: SlaTopicEvent, links: AlertLinks) => ({ sla: ticketSlaUrl(links.sla, event), console: ticketConsoleUrl(links.console, event) });

function firingAnnotations(event: SlaNotification, links: AlertLinks): Record<string, string> {
  const what = event.type === 'sla.breached' ? 'breached' : `escalated to level ${event.level}`;
  return {
    summary: event.message.fr,
    summary_en: event.message.en,
    description:
      `${event.tenantId} ticket ${event.ticketId} (${event.priority}, ${event.plan}): the ${event.clock} clock ${what} at ${event.percent} %` +
      ` (threshold ${event.thresholdAt}${event.dueAt === null ? ', paused' : `, due ${event.dueAt}`}${event.late ? ', fired late' : ''}).`,
    ...linkAnnotations(event, links),
  };
}

const clearDescription = (event: SlaCleared) =>
  `${event.tenantId} ticket ${event.ticketId} (${event.priority}, ${event.plan}): the ${event.clock} clock cleared (${event.reason}) at ${event.since}.`;

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const earliest = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);
const latest = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
