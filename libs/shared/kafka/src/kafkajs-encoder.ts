import { createRequire } from 'node:module';
import { isPatchedKafkajsVersion } from './kafkajs-version';
import { safeZigZag, sizeOfUVarLong, writeUVarLong } from './varlong';

/**
 * Faster buffer handling for kafkajs 2.2.4's protocol encoder, which every produce request goes
 * through: the same bytes, fewer allocations. Profiled in bench:pipeline, encoding a produce
 * request was the largest single item of intake (~30% of its busy time) and 11-16% of priority's
 * and the timer's, and a micro-benchmark of a 1,000-record request (3 headers, ~700-byte values)
 * spent about a third of its time allocating zero-filled buffers and collecting them. kafkajs:
 * - starts every encoder (one per record, one per header) with a fresh zero-filled 512-byte
 *   `Buffer.alloc`, and grows each by another;
 * - writes every varint through `Buffer.from([...bytes])`, and every 64-bit varint (a record's
 *   timestamp delta) through its BigInt-backed `Long`.
 * Here: an encoder starts empty and grows with `Buffer.allocUnsafeSlow` (not zero-filled: the bytes
 * past `offset` are never read, `buffer` is `buf.slice(0, offset)` and nothing else reads `buf`;
 * not from Node's shared 8 KiB pool either: with `allocUnsafe`, the timer's firing p99 at 4x
 * doubled, 61-92 ms against 39-44, see docs/benchmarks.md),
 * varints are written in place, and a 64-bit varint of a safe integer is computed in doubles.
 * Each replaced method is the original's byte for byte (kafkajs-encoder.spec compares them).
 *
 * Patches kafkajs's internals, so it applies only to the version it was written against: any
 * other leaves kafkajs as it is (`installFastKafkajsEncoder` then returns false).
 */

interface EncoderClass {
  nextPowerOfTwo(value: number): number;
  sizeOfVarLong(value: unknown): number;
  prototype: EncoderInstance;
}
interface EncoderInstance {
  buf: Buffer;
  offset: number;
  ensureAvailable(length: number): void;
  writeUVarInt(value: number): EncoderInstance;
  writeVarLong(value: unknown): EncoderInstance;
}

const requireHere = createRequire(__filename);
let originals: { nextPowerOfTwo: EncoderClass['nextPowerOfTwo']; sizeOfVarLong: EncoderClass['sizeOfVarLong']; ensureAvailable: EncoderInstance['ensureAvailable']; writeUVarInt: EncoderInstance['writeUVarInt']; writeVarLong: EncoderInstance['writeVarLong'] } | null = null;

/** kafkajs's `Encoder` class (the module its produce requests use), or null for another version. */
export function kafkajsEncoder(): EncoderClass | null {
  if (!isPatchedKafkajsVersion()) return null;
  return requireHere('kafkajs/src/protocol/encoder') as EncoderClass;
}

/** Installs the faster methods (once; later calls do nothing). False when kafkajs is another version. */
export function installFastKafkajsEncoder(): boolean {
  if (originals !== null) return true;
  const Encoder = kafkajsEncoder();
  if (Encoder === null) return false;
  const proto = Encoder.prototype;
  originals = {
    nextPowerOfTwo: Encoder.nextPowerOfTwo,
    sizeOfVarLong: Encoder.sizeOfVarLong,
    ensureAvailable: proto.ensureAvailable,
    writeUVarInt: proto.writeUVarInt,
    writeVarLong: proto.writeVarLong,
  };
  const { sizeOfVarLong, writeVarLong } = originals;
  // Called by the constructor only (`Buffer.alloc(nextPowerOfTwo(511))`) and by the original
  // ensureAvailable, replaced below: every encoder now starts with an empty buffer.
  Encoder.nextPowerOfTwo = () => 0;
  proto.ensureAvailable = function ensureAvailable(this: EncoderInstance, length: number): void {
    const needed = this.offset + length;
    if (needed <= this.buf.length) return;
    let size = this.buf.length < 64 ? 64 : this.buf.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafeSlow(size);
    this.buf.copy(grown, 0, 0, this.offset);
    this.buf = grown;
  };
  proto.writeUVarInt = function writeUVarInt(this: EncoderInstance, value: number): EncoderInstance {
    this.ensureAvailable(5);
    const buf = this.buf;
    let offset = this.offset;
    while ((value & 0xffffff80) !== 0) {
      buf[offset++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[offset++] = value & 0x7f;
    this.offset = offset;
    return this;
  };
  Encoder.sizeOfVarLong = function (this: EncoderClass, value: unknown): number {
    const zigzag = safeZigZag(value);
    return zigzag === null ? sizeOfVarLong.call(this, value) : sizeOfUVarLong(zigzag);
  };
  proto.writeVarLong = function (this: EncoderInstance, value: unknown): EncoderInstance {
    const z = safeZigZag(value);
    if (z === null) return writeVarLong.call(this, value);
    this.ensureAvailable(10);
    this.offset = writeUVarLong(this.buf, this.offset, z);
    return this;
  };
  return true;
}

/** Puts kafkajs's own methods back (tests). */
export function uninstallFastKafkajsEncoder(): void {
  if (originals === null) return;
  const Encoder = kafkajsEncoder() as EncoderClass;
  Encoder.nextPowerOfTwo = originals.nextPowerOfTwo;
  Encoder.sizeOfVarLong = originals.sizeOfVarLong;
  Object.assign(Encoder.prototype, { ensureAvailable: originals.ensureAvailable, writeUVarInt: originals.writeUVarInt, writeVarLong: originals.writeVarLong });
  originals = null;
}
