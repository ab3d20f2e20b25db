import { HEADERS } from '@stageplus/contracts';
import { toDeadLetter, type EventPublisher, type IncomingMessage } from '@stageplus/kafka';
import type { KafkaMessage } from 'kafkajs';

/**
 * The bridge's own dead-letter topic of an SLA topic. Not `<topic>.dlq`: the SLA topics have
 * several readers (the console, `sla watch`, the bridge), each refusing for its own reasons, and
 * an on-call engineer must see at a glance that the webhook refused these.
 */
export const bridgeDeadLetterTopic = (topic: string): string => `${topic}.bridge.dlq`;

/** What writing dead letters needs of the producer. */
export type DeadLetterPublisher = Pick<EventPublisher, 'publish'>;

export interface BridgeRefusal {
  readonly message: IncomingMessage;
  readonly code: string;
  readonly detail: string;
}

/**
 * Writes the refusals of one partition's batch to `<topic>.bridge.dlq`, keyed like their
 * originals, in one send, before the batch is committed. The values are the JSON text the timer
 * wrote (UTF-8), so re-encoding the text gives back the original bytes.
 */
export async function publishBridgeDeadLetters(publisher: DeadLetterPublisher, service: string, refusals: readonly BridgeRefusal[], now: Date): Promise<void> {
  if (refusals.length === 0) return;
  const topic = refusals[0].message.topic;
  await publisher.publish(
    bridgeDeadLetterTopic(topic),
    refusals.map(({ message, code, detail }) => ({
      key: message.key ?? `${topic}:${message.partition}:${message.offset}`,
      value: toDeadLetter({ service, topic, partition: message.partition, message: asKafkaMessage(message), reason: code, detail, now }),
      headers: { [HEADERS.eventType]: 'dead-letter', [HEADERS.producer]: service },
    })),
  );
}

function asKafkaMessage(message: IncomingMessage): KafkaMessage {
  return {
    key: message.key === null ? null : Buffer.from(message.key, 'utf8'),
    value: message.value === null ? null : Buffer.from(message.value, 'utf8'),
    offset: message.offset,
    timestamp: message.timestamp,
    attributes: 0,
    headers: { ...message.headers },
  } as KafkaMessage;
}
