import type { KafkaMessage } from 'kafkajs';
import { PermanentMessageError } from './message-errors';

/** A consumed record as handlers see it: text value, string headers, where it came from. */
export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: string;
}

export function toIncomingMessage(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) headers[name] = value.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers,
    timestamp: message.timestamp,
  };
}

/** The value as JSON, or a permanent failure (`MESSAGE.NOT_JSON`) that dead-letters it. */
export function parseJsonValue(message: IncomingMessage): unknown {
  if (message.value === null) throw new PermanentMessageError('MESSAGE.EMPTY', 'the message has no value');
  try {
    return JSON.parse(message.value);
  } catch (error) {
    throw new PermanentMessageError('MESSAGE.NOT_JSON', `the value is not JSON: ${(error as Error).message}`);
  }
}
