import type { LedgerRecord, LedgerRequest } from './partition-ledger';

/** A value that is already JSON, as text or as its UTF-8 bytes: sent as it is, not serialized again. */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

export interface OutgoingMessage {
  /** Text, or the exact bytes of another record's key (a dead letter keeps its original's). */
  readonly key: string | Buffer;
  /** Sent as JSON; `null` sends a tombstone (no value), which compaction turns into a deletion. */
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** An explicit partition; by default the key's (murmur2, as Java clients). */
  readonly partition?: number;
}

/** Messages for one topic, in a multi-topic send. */
export interface TopicBatch {
  readonly topic: string;
  readonly messages: readonly OutgoingMessage[];
}

/**
 * Bytes of messages (keys, values, headers) sent in one produce request, 768 KiB. The broker
 * refuses a partition's record batch over `message.max.bytes` (1 MiB by default) and kafkajs puts
 * all of a send's messages for one partition in one record batch, never splitting it: a larger
 * send is split into several, in order.
 */
export const MAX_SEND_BYTES = 768 * 1024;

/** What a record adds to a request besides its key, value and headers (offsets, lengths, attributes). */
const RECORD_OVERHEAD_BYTES = 32;

/** The messages, in order, as consecutive requests of at most `maxBytes` each (a larger message alone). */
export function splitBySize(batches: readonly TopicBatch[], maxBytes: number): LedgerRequest[] {
  const requests: LedgerRequest[] = [];
  let current: LedgerRequest = [];
  let size = 0;
  for (const batch of batches) {
    for (const message of batch.messages) {
      const record = toKafkaRecord(message);
      const bytes = sizeOf(record);
      if (size > 0 && size + bytes > maxBytes) {
        requests.push(current);
        current = [];
        size = 0;
      }
      const last = current[current.length - 1];
      if (last?.topic === batch.topic) last.messages.push(record);
      else current.push({ topic: batch.topic, messages: [record] });
      size += bytes;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/**
 * kafkajs (2.2.4's produce request) makes each record `{ ...message, offsetDelta, timestampDelta }`.
 * On Node 20, an object spread and then extended gets a map of its own each time (2-3 µs and a
 * map to collect, per record); with both fields already there the spread only overwrites them, on
 * V8's fast path. kafkajs sets both itself: these zeros are never sent.
 */
interface KafkaRecord extends LedgerRecord {
  readonly offsetDelta: 0;
  readonly timestampDelta: 0;
}

function toKafkaRecord(m: OutgoingMessage): KafkaRecord {
  return {
    key: m.key,
    value: m.value === null ? null : m.value instanceof JsonText ? m.value.text : JSON.stringify(m.value),
    headers: m.headers ? { ...m.headers } : undefined,
    partition: m.partition,
    offsetDelta: 0,
    timestampDelta: 0,
  };
}

function sizeOf(record: LedgerRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(record.key) + (record.value === null ? 0 : Buffer.byteLength(record.value));
  for (const [name, value] of Object.entries(record.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}
