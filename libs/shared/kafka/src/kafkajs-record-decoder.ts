/**
 * kafkajs 2.2.4's record decoder (`protocol/recordBatch/record/v0/decoder`), without its 64-bit
 * `Long` arithmetic. Every message a service consumes goes through it. kafkajs reads a record's
 * timestamp delta a byte at a time through BigInt-backed `Long`s, computes its timestamp and
 * offset the same way, and builds its headers by spreading a new object per header. In
 * bench:pipeline that decoding was ~7 % of priority's busy time (docs/benchmarks.md, fifteenth
 * session). Here the same fields are computed in doubles while they are safe integers (a
 * timestamp in ms, an offset), in BigInt beyond, and the headers object is filled in place.
 * The record it returns is kafkajs's, field for field (kafkajs-record-decoder.spec compares them);
 * a record it would read otherwise (a timestamp delta of more than 7 bytes, a header named
 * `__proto__`) goes to kafkajs's own decoder.
 */
export interface DecoderLike {
  buffer: Buffer;
  offset: number;
}

export interface BatchContext {
  readonly firstOffset?: string;
  readonly firstTimestamp?: string;
  readonly magicByte?: number;
  readonly isControlBatch?: boolean;
  readonly timestampType?: number;
  readonly maxTimestamp?: string;
}

const LOG_APPEND_TIME = 1;
/** Varlongs of up to 7 bytes hold at most 49 bits: exact in a double, zigzag included. */
const MAX_EXACT_VARLONG_BYTES = 7;

class Fallback extends Error {}

/** A record decoder with kafkajs's signature, standing in for `original`. */
export function fastRecordDecoder(original: (decoder: DecoderLike, batchContext?: BatchContext) => unknown): (decoder: DecoderLike, batchContext?: BatchContext) => unknown {
  return function decodeRecordFast(decoder: DecoderLike, batchContext: BatchContext = {}): unknown {
    const start = decoder.offset;
    try {
      return decode(decoder, batchContext);
    } catch (error) {
      if (!(error instanceof Fallback)) throw error;
      decoder.offset = start;
      return original(decoder, batchContext);
    }
  };
}

function decode(decoder: DecoderLike, batchContext: BatchContext) {
  const { firstOffset, firstTimestamp, magicByte, isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  const buf = decoder.buffer;
  const attributes = buf.readInt8(decoder.offset++);
  const timestampDelta = readVarLong(decoder);
  const timestamp = timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : sum(firstTimestamp, timestampDelta);
  const offset = sum(firstOffset, readVarInt(decoder));
  const key = readVarIntBytes(decoder);
  const value = readVarIntBytes(decoder);
  const headers: Record<string, unknown> = {};
  const count = readVarInt(decoder);
  for (let i = 0; i < count; i++) {
    const nameLength = readVarInt(decoder);
    const name = nameLength === -1 ? null : buf.toString('utf8', decoder.offset, (decoder.offset += nameLength));
    const headerValue = readVarIntBytes(decoder);
    const property = String(name);
    if (property === '__proto__') throw new Fallback();
    const previous = headers[property];
    headers[property] = previous === undefined ? headerValue : Array.isArray(previous) ? previous.concat([headerValue]) : [previous, headerValue];
  }
  return { magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord: isControlBatch, batchContext };
}

/** `Long.fromValue(base).add(delta).toString()`, as kafkajs computes a record's timestamp and offset. */
function sum(base: string | undefined, delta: number): string {
  const n = Number(base);
  if (base !== undefined && Number.isSafeInteger(n) && Number.isSafeInteger(n + delta) && String(n) === base) return String(n + delta);
  return String(BigInt(base as string) + BigInt(delta));
}

/** kafkajs's `readVarInt`, as it computes it (32-bit shifts, zigzag). */
function readVarInt(decoder: DecoderLike): number {
  const buf = decoder.buffer;
  let currentByte: number;
  let result = 0;
  let i = 0;
  do {
    currentByte = buf[decoder.offset++];
    result += (currentByte & 0x7f) << i;
    i += 7;
  } while (currentByte >= 0x80);
  return (result >>> 1) ^ -(result & 1);
}

function readVarLong(decoder: DecoderLike): number {
  const buf = decoder.buffer;
  let z = 0;
  let scale = 1;
  for (let bytes = 1; ; bytes++) {
    if (bytes > MAX_EXACT_VARLONG_BYTES) throw new Fallback();
    const currentByte = buf[decoder.offset++];
    z += (currentByte & 0x7f) * scale;
    scale *= 0x80;
    if (currentByte < 0x80) break;
  }
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

function readVarIntBytes(decoder: DecoderLike): Buffer | null {
  const length = readVarInt(decoder);
  if (length === -1) return null;
  const bytes = decoder.buffer.slice(decoder.offset, decoder.offset + length);
  decoder.offset += length;
  return bytes;
}
