import { safeZigZag, sizeOfUVarLong, writeUVarLong } from './varlong';

/**
 * A record of kafkajs 2.2.4's produce requests (`protocol/recordBatch/record/v0`), sized first
 * (`planRecord`), then written in place into the request's one buffer (`writeRecord`, used by
 * `kafkajs-produce-request.ts`). kafkajs builds a record out of an encoder for the record and one
 * for each header, each grown as it is written, then copies every header's bytes into the record
 * and the record's into its batch: in bench:pipeline those allocations and copies were the
 * largest items after garbage collection (allocation ~4.5 % of priority's busy time, buffer
 * copies 4-7 % of priority's and the timer's; docs/benchmarks.md, fifteenth session). The bytes
 * are kafkajs's (kafkajs-record.spec compares them). Input kafkajs would treat otherwise (a key
 * or value neither text, bytes nor null; a header value neither text nor bytes; a timestamp delta
 * not a safe integer) has no plan: its request goes to kafkajs's own encoder.
 */
export interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: unknown;
  readonly key?: unknown;
  readonly value?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** What kafkajs reads of an encoder: its bytes are `buf` up to `offset`. */
export interface EncoderLike {
  buf: Buffer;
  offset: number;
}

export type Bytes = string | Buffer;
const isBytes = (v: unknown): v is Bytes => typeof v === 'string' || Buffer.isBuffer(v);
const byteLengthOf = (v: Bytes): number => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.length);

/** Bytes of a zigzag varint of a 32-bit integer (kafkajs's `sizeOfVarInt`). */
function sizeOfVarInt(value: number): number {
  let z = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (z >= 0x80) {
    bytes++;
    z >>>= 7;
  }
  return bytes;
}

/** Headers as kafkajs flattens them (an array value is one header per element), or null if kafkajs would not take them this way. */
function flatHeaders(headers: Readonly<Record<string, unknown>>): [string, Bytes][] | null {
  const flat: [string, Bytes][] = [];
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    for (const one of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (!isBytes(one)) return null;
      flat.push([name, one]);
    }
  }
  return flat;
}

/** A record's sizes, computed once: what `writeRecord` writes. */
export interface RecordPlan {
  /** The record's bytes, its length prefix included. */
  readonly size: number;
  readonly body: number;
  readonly timestampZigZag: number;
  readonly offsetDelta: number;
  readonly key: unknown;
  readonly keyLength: number;
  readonly value: unknown;
  readonly valueLength: number;
  readonly headers: readonly [string, Bytes][];
  /** Each header's name and value lengths, in turn. */
  readonly headerLengths: readonly number[];
}

/** The record's plan, or null when kafkajs's own encoder should take it (see above). */
export function planRecord(input: RecordInput): RecordPlan | null {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers = {} } = input;
  const timestampZigZag = safeZigZag(timestampDelta);
  const headerList = flatHeaders(headers);
  if (timestampZigZag === null || headerList === null || !Number.isInteger(offsetDelta) || !(key == null || isBytes(key)) || !(value == null || isBytes(value))) {
    return null;
  }
  const keyLength = key == null ? -1 : byteLengthOf(key);
  const valueLength = value == null ? -1 : byteLengthOf(value);
  const headerLengths: number[] = [];
  let body = 1 + sizeOfUVarLong(timestampZigZag) + sizeOfVarInt(offsetDelta) + sizeOfVarInt(headerList.length);
  body += sizeOfVarInt(keyLength) + Math.max(keyLength, 0) + sizeOfVarInt(valueLength) + Math.max(valueLength, 0);
  for (const [name, headerValue] of headerList) {
    const nameLength = Buffer.byteLength(name, 'utf8');
    const headerValueLength = byteLengthOf(headerValue);
    headerLengths.push(nameLength, headerValueLength);
    body += sizeOfVarInt(nameLength) + nameLength + sizeOfVarInt(headerValueLength) + headerValueLength;
  }
  return { size: sizeOfVarInt(body) + body, body, timestampZigZag, offsetDelta, key, keyLength, value, valueLength, headers: headerList, headerLengths };
}

/** Writes the planned record at `at`; returns where it ends (`at + plan.size`). */
export function writeRecord(buf: Buffer, at: number, plan: RecordPlan): number {
  const { headers, headerLengths } = plan;
  at = writeVarInt(buf, at, plan.body);
  buf[at++] = 0; // attributes: none used
  at = writeUVarLong(buf, at, plan.timestampZigZag);
  at = writeVarInt(buf, at, plan.offsetDelta);
  at = writeBytes(buf, writeVarInt(buf, at, plan.keyLength), plan.key, plan.keyLength);
  at = writeBytes(buf, writeVarInt(buf, at, plan.valueLength), plan.value, plan.valueLength);
  at = writeVarInt(buf, at, headers.length);
  for (let i = 0; i < headers.length; i++) {
    at = writeBytes(buf, writeVarInt(buf, at, headerLengths[2 * i]), headers[i][0], headerLengths[2 * i]);
    at = writeBytes(buf, writeVarInt(buf, at, headerLengths[2 * i + 1]), headers[i][1], headerLengths[2 * i + 1]);
  }
  return at;
}

/** One of kafkajs's encoders holding `buf` up to `offset`, without its constructor's allocation. */
export function encoderOf(prototype: object, buf: Buffer, offset: number): EncoderLike {
  const encoder = Object.create(prototype) as EncoderLike;
  encoder.buf = buf;
  encoder.offset = offset;
  return encoder;
}

function writeVarInt(buf: Buffer, at: number, value: number): number {
  let z = ((value << 1) ^ (value >> 31)) >>> 0;
  while (z >= 0x80) {
    buf[at++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[at++] = z;
  return at;
}

// Node's own method behind `buf.write(text, at, length, 'utf8')`, without its argument parsing.
const utf8Write = (Buffer.prototype as unknown as { utf8Write?: (this: Buffer, text: string, at: number, length: number) => number }).utf8Write;

function writeBytes(buf: Buffer, at: number, bytes: unknown, length: number): number {
  if (length <= 0) return at;
  if (typeof bytes !== 'string') buf.set(bytes as Buffer, at);
  else if (utf8Write) utf8Write.call(buf, bytes, at, length);
  else buf.write(bytes, at, length, 'utf8');
  return at + length;
}
