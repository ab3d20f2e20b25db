import { deadLetterTopic, HEADERS, type DeadLetter, type DeadLetterOmission } from '@stageplus/contracts';
import type { KafkaMessage } from 'kafkajs';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { EventPublisher, OutgoingMessage } from './event-publisher';

/**
 * Encoded bytes of the original key and value (their JSON text plus base64) a dead letter carries,
 * 512 KiB: half the broker's default record limit (`message.max.bytes`, 1 MiB), leaving room for
 * the letter's other fields and the record's framing. Over it, the body is omitted.
 */
export const DEAD_LETTER_BODY_BUDGET_BYTES = 512 * 1024;

/** Longest `message` kept (characters): the handler's detail must not eat the budget either. */
const MAX_DETAIL_CHARS = 4_096;

export interface DeadLetterInput {
  readonly service: string;
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: string;
  readonly detail: string;
  readonly now: Date;
}

/** One original part (key or value) in every form a letter may carry. */
interface OriginalPart {
  readonly text: string | null;
  readonly base64: string | null;
  readonly bytes: number | null;
  readonly sha256: string | null;
  /** What its text and base64 add to the letter, in bytes. */
  readonly encodedBytes: number;
}

/**
 * The dead letter of a refused message: the original bytes (base64, and as text when they are
 * UTF-8), their lengths and digests, where the record is, and why it was refused. Over
 * {@link DEAD_LETTER_BODY_BUDGET_BYTES} the value's body (and the key's, if the key alone is too
 * large) is omitted, so that the letter can always be written.
 */
export function toDeadLetter(input: DeadLetterInput, budgetBytes = DEAD_LETTER_BODY_BUDGET_BYTES): DeadLetter {
  const key = describe(input.message.key);
  const value = describe(input.message.value);
  const fields: ('key' | 'value')[] = [];
  if (key.encodedBytes + value.encodedBytes > budgetBytes) {
    if (key.encodedBytes > budgetBytes) fields.push('key');
    fields.push('value');
  }
  const keyKept = !fields.includes('key');
  const valueKept = !fields.includes('value');
  return {
    type: 'dead-letter',
    reason: input.reason,
    message: truncate(input.detail),
    service: input.service,
    source: { topic: input.topic, partition: input.partition, offset: input.message.offset },
    key: keyKept ? key.text : null,
    keyBase64: keyKept ? key.base64 : null,
    keyBytes: key.bytes,
    keySha256: key.sha256,
    value: valueKept ? value.text : null,
    valueBase64: valueKept ? value.base64 : null,
    valueBytes: value.bytes,
    valueSha256: value.sha256,
    omitted: fields.length === 0 ? null : omission(fields, key, value, budgetBytes),
    failedAt: input.now.toISOString(),
  };
}

/**
 * Publishes the dead letters of one topic to `<topic>.dlq`, keyed like the originals so a
 * ticket's letters stay together, in one send (the publisher splits it only past its byte budget).
 */
export async function publishDeadLetters(publisher: EventPublisher, inputs: readonly DeadLetterInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await publisher.publish(deadLetterTopic(inputs[0].topic), inputs.map((input) => deadLetterMessage(input)));
}

function deadLetterMessage(input: DeadLetterInput): OutgoingMessage {
  const letter = toDeadLetter(input);
  // The original key bytes, not their text, so that the letter lands on the partition of the
  // original's key; the record's coordinates when there is no key or it was too large to copy.
  const originalKey = letter.keyBase64 === null ? null : input.message.key;
  return {
    key: originalKey ?? `${input.topic}:${input.partition}:${input.message.offset}`,
    value: letter,
    headers: { [HEADERS.eventType]: 'dead-letter', [HEADERS.producer]: input.service },
  };
}

function describe(buffer: Buffer | null | undefined): OriginalPart {
  if (buffer === null || buffer === undefined) return { text: null, base64: null, bytes: null, sha256: null, encodedBytes: 0 };
  const text = isUtf8(buffer) ? buffer.toString('utf8') : null;
  const base64 = buffer.toString('base64');
  const textBytes = text === null ? 0 : Buffer.byteLength(JSON.stringify(text));
  return {
    text,
    base64,
    bytes: buffer.length,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    encodedBytes: textBytes + base64.length,
  };
}

function omission(fields: ('key' | 'value')[], key: OriginalPart, value: OriginalPart, budgetBytes: number): DeadLetterOmission {
  return {
    reason: 'DEAD_LETTER.TOO_LARGE',
    fields,
    budgetBytes,
    detail:
      `the original key (${key.bytes ?? 0} bytes) and value (${value.bytes ?? 0} bytes) encode to ` +
      `${key.encodedBytes + value.encodedBytes} bytes, over the budget of ${budgetBytes}: ` +
      `omitted ${fields.join(' and ')}; read the original at source.topic/partition/offset`,
  };
}

function truncate(detail: string): string {
  return detail.length <= MAX_DETAIL_CHARS ? detail : `${detail.slice(0, MAX_DETAIL_CHARS)}…`;
}
