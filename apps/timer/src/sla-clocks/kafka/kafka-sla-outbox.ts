import { HEADERS, SLA_EVENT_VERSION, ticketKey, type SlaNotification } from '@stageplus/contracts';
import { JsonText, type EventPublisher, type OutgoingMessage } from '@stageplus/kafka';
import type { ChangelogEntry, SlaOutbox } from '../keeper/ports';
import { encodeRecord } from '../ticket-record/ticket-record';
import { TIMER_STATE_TYPE } from './timer-state-record';

export interface OutboxTopics {
  readonly escalations: string;
  readonly breaches: string;
  /** The compacted changelog of ticket records. */
  readonly state: string;
}

/**
 * Breaches to the breach topic, escalations to the escalation topic, ticket records to the
 * changelog (same partition number as the events they came from, so that a member rebuilds its
 * partitions from theirs): one produce request, acknowledged by every in-sync replica.
 */
export class KafkaSlaOutbox implements SlaOutbox {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly topics: OutboxTopics,
  ) {}

  async publish(partition: number, notifications: readonly SlaNotification[], changelog: readonly ChangelogEntry[]): Promise<void> {
    const breaches = notifications.filter((n) => n.type === 'sla.breached').map(slaMessage);
    const escalations = notifications.filter((n) => n.type !== 'sla.breached').map(slaMessage);
    await this.publisher.publishBatch([
      { topic: this.topics.escalations, messages: escalations },
      { topic: this.topics.breaches, messages: breaches },
      { topic: this.topics.state, messages: changelog.map((entry) => stateMessage(partition, entry)) },
    ]);
  }
}

function slaMessage(notification: SlaNotification): OutgoingMessage {
  return {
    key: ticketKey(notification.tenantId, notification.ticketId),
    value: notification,
    headers: {
      [HEADERS.eventType]: notification.type,
      [HEADERS.schemaVersion]: String(SLA_EVENT_VERSION),
      [HEADERS.producer]: 'timer',
      'event-id': notification.eventId,
    },
  };
}

/** A `TimerStateRecord` as JSON, around the record's own encoding (the one Redis gets too). */
function stateMessage(partition: number, { ref, record }: ChangelogEntry): OutgoingMessage {
  const value =
    record === null
      ? null
      : new JsonText(
          `{"type":"${TIMER_STATE_TYPE}","v":1,"tenantId":${JSON.stringify(ref.tenantId)},"ticketId":${JSON.stringify(ref.ticketId)},"record":${encodeRecord(record)}}`,
        );
  return { key: ticketKey(ref.tenantId, ref.ticketId), value, partition };
}
