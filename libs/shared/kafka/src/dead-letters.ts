import { deadLetterTopic, HEADERS, type DeadLetter } from '@stageplus/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { EventPublisher } from './event-publisher';

export interface DeadLetterInput {
  readonly service: string;
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: string;
  readonly detail: string;
  readonly now: Date;
}

/** The dead letter for a refused message: the original bytes as text, and why. */
export function toDeadLetter(input: DeadLetterInput): DeadLetter {
  return {
    type: 'dead-letter',
    reason: input.reason,
    message: input.detail,
    service: input.service,
    source: { topic: input.topic, partition: input.partition, offset: input.message.offset },
    key: input.message.key?.toString('utf8') ?? null,
    value: input.message.value?.toString('utf8') ?? null,
    failedAt: input.now.toISOString(),
  };
}

/** Publishes to `<topic>.dlq`, keyed like the original so a ticket's letters stay together. */
export async function publishDeadLetter(publisher: EventPublisher, input: DeadLetterInput): Promise<void> {
  await publishDeadLetters(publisher, [input]);
}

/** Publishes several dead letters of one topic in one send. */
export async function publishDeadLetters(publisher: EventPublisher, inputs: readonly DeadLetterInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await publisher.publish(
    deadLetterTopic(inputs[0].topic),
    inputs.map((input) => {
      const letter = toDeadLetter(input);
      return {
        key: letter.key ?? `${input.topic}:${input.partition}:${input.message.offset}`,
        value: letter,
        headers: { [HEADERS.eventType]: 'dead-letter', [HEADERS.producer]: input.service },
      };
    }),
  );
}
