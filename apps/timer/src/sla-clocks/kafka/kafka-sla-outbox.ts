import { HEADERS, SLA_EVENT_VERSION, ticketKey } from '@stageplus/contracts';
import { JsonText, type EventPublisher, type OutgoingMessage } from '@stageplus/kafka';
import type { ChangelogEntry, SlaOutbox, SlaPublication } from '../keeper/ports';
import { encodeRecord } from '../ticket-record/ticket-record';
import { TIMER_STATE_TYPE } from './timer-state-record';

export interface OutboxTopics {
  readonly escalations: string;
  readonly breaches: string;
  /** The compacted changelog of ticket records. */
  readonly state: string;
  /** The compacted outcomes of closed tickets. */
  readonly outcomes: string;
}

/**
 * Breaches to the breach topic, escalations to the escalation topic, a clear to each topic its
 * clock's alerts went to (so a consumer of either can resolve what it opened), outcomes to the
 * outcome topic, ticket records to the
 * changelog (same partition number as the events they came from, so that a member rebuilds its
 * partitions from theirs): one produce request, acknowledged by every in-sync replica.
 */
export class KafkaSlaOutbox implements SlaOutbox {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly topics: OutboxTopics,
  ) {}

  async publish(partition: number, notifications: readonly SlaPublication[], changelog: readonly ChangelogEntry[]): Promise<void> {
    const breaches = notifications.filter(toBreaches).map(slaMessage);
    const escalations = notifications.filter(toEscalations).map(slaMessage);
    const outcomes = notifications.filter((n) => n.type === 'sla.outcome').map(slaMessage);
    await this.publisher.publishBatch([
      { topic: this.topics.escalations, messages: escalations },
      { topic: this.topics.breaches, messages: breaches },
      { topic: this.topics.outcomes, messages: outcomes },
      { topic: this.topics.state, messages: changelog.map((entry) => stateMessage(partition, entry)) },
    ]);
  }
}

function toBreaches(n: SlaPublication): boolean {
  return n.type === 'sla.breached' || (n.type === 'sla.cleared' && n.alerts.some((a) => a.type === 'sla.breached'));
}

function toEscalations(n: SlaPublication): boolean {
  return n.type === 'sla.escalated' || (n.type === 'sla.cleared' && n.alerts.some((a) => a.type === 'sla.escalated'));
}

function slaMessage(notification: SlaPublication): OutgoingMessage {
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

/**
 * A `TimerStateRecord` as JSON, around the record's own encoding (the one Redis gets too), in a
 * buffer of its own: the message lives until the broker acknowledges it, and a hot ticket's long
 * record written as text would be one more copy of it in the young generation, there for long
 * enough to be promoted (docs/benchmarks.md, "Sixteenth session"). The buffer's bytes are outside
 * the JavaScript heap.
 */
function stateMessage(partition: number, { ref, record }: ChangelogEntry): OutgoingMessage {
  const key = ticketKey(ref.tenantId, ref.ticketId);
  if (record === null) return { key, value: null, partition };
  const head = `{"type":"${TIMER_STATE_TYPE}","v":1,"tenantId":${JSON.stringify(ref.tenantId)},"ticketId":${JSON.stringify(ref.ticketId)},"record":`;
  const text = encodeRecord(record);
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(head) + Buffer.byteLength(text) + 1);
  let at = bytes.write(head, 0);
  at += bytes.write(text, at);
  bytes[at] = 0x7d; // }
  return { key, value: new JsonText(bytes), partition };
}
