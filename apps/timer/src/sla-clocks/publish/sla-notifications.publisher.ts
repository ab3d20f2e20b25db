import {
  HEADERS,
  SLA_EVENT_VERSION,
  slaEventId,
  ticketKey,
  type SlaNotification,
} from '@stageplus/contracts';
import type { EventPublisher } from '@stageplus/kafka';
import { notificationMessage, toThresholdFired, type Firing, type TicketSla } from '@stageplus/sla-engine';

export interface NotificationTopics {
  readonly escalations: string;
  readonly breaches: string;
}

/** The outgoing event of a firing, with its deterministic id and bilingual message. */
export function toNotification(sla: TicketSla, firing: Firing): SlaNotification {
  const fired = toThresholdFired(sla, firing);
  const dueAt = sla.clocks[firing.clock].dueAt;
  const due = dueAt === null ? null : new Date(dueAt).toISOString();
  return {
    ...fired,
    eventId: slaEventId(sla.tenantId, sla.ticketId, firing.clock, firing.percent),
    schemaVersion: SLA_EVENT_VERSION,
    plan: sla.plan,
    dueAt: due,
    policyVersion: sla.policyVersion,
    message: notificationMessage(fired, due),
  };
}

/** Publishes breaches to the breach topic and escalations to the escalation topic, acked by all replicas. */
export class SlaNotificationsPublisher {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly topics: NotificationTopics,
  ) {}

  async publish(notification: SlaNotification): Promise<void> {
    const topic = notification.type === 'sla.breached' ? this.topics.breaches : this.topics.escalations;
    await this.publisher.publish(topic, [
      {
        key: ticketKey(notification.tenantId, notification.ticketId),
        value: notification,
        headers: {
          [HEADERS.eventType]: notification.type,
          [HEADERS.schemaVersion]: String(SLA_EVENT_VERSION),
          [HEADERS.producer]: 'timer',
          'event-id': notification.eventId,
        },
      },
    ]);
  }
}
