import fc from 'fast-check';
import { createRequire } from 'node:module';
import { fastRecordDecoder, type BatchContext, type DecoderLike } from './kafkajs-record-decoder';

// Under jest these are kafkajs's own modules: its registry is not Node's module cache.
const requireHere = createRequire(__filename);
type Encoder = { buffer: Buffer } & Record<'writeInt8' | 'writeVarLong' | 'writeVarInt' | 'writeVarIntBytes' | 'writeVarIntString', (v: unknown) => Encoder>;
const Encoder = requireHere('kafkajs/src/protocol/encoder') as new () => Encoder;
const Decoder = requireHere('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => DecoderLike;
const kafkajsDecoder = requireHere('kafkajs/src/protocol/recordBatch/record/v0/decoder') as (decoder: DecoderLike, batchContext?: BatchContext) => unknown;
const fast = fastRecordDecoder(kafkajsDecoder);

interface RawRecord {
  attributes: number;
  timestampDelta: number;
  offsetDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string | null, Buffer | null][];
}

/** A record's bytes after its length prefix, as a broker returns them (null header keys and values too, which kafkajs never writes). */
function bodyOf(r: RawRecord): Buffer {
  const e = new Encoder().writeInt8(r.attributes).writeVarLong(r.timestampDelta).writeVarInt(r.offsetDelta).writeVarIntBytes(r.key).writeVarIntBytes(r.value).writeVarInt(r.headers.length);
  for (const [name, value] of r.headers) e.writeVarIntString(name).writeVarIntBytes(value);
  return e.buffer;
}

/** Both decoders' records, and the order of their own keys (headers included). */
function both(body: Buffer, context: BatchContext) {
  const decoded = [kafkajsDecoder, fast].map((decode) => decode(new Decoder(body), context) as Record<string, unknown>);
  return { original: decoded[0], fastOne: decoded[1], keys: decoded.map((d) => [Object.keys(d), Object.keys(d.headers as object)]) };
}

const bytes = fc.option(fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), { nil: null });
const raw: fc.Arbitrary<RawRecord> = fc.record({
  attributes: fc.integer({ min: -128, max: 127 }),
  timestampDelta: fc.oneof(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 })),
  offsetDelta: fc.oneof(fc.nat({ max: 5_000 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  key: bytes,
  value: bytes,
  headers: fc.array(fc.tuple(fc.option(fc.constantFrom('event-type', 'a', 'b', '1', '0', 'é', '__proto__', 'constructor', 'null'), { nil: null }), bytes), { maxLength: 6 }),
});
const context: fc.Arbitrary<BatchContext> = fc.record(
  {
    firstOffset: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
    firstTimestamp: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000_000 }).map(String), fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map(String)),
    magicByte: fc.constant(2),
    isControlBatch: fc.boolean(),
    timestampType: fc.constantFrom(-1, 0, 1),
    maxTimestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }).map(String),
  },
  { requiredKeys: ['firstOffset', 'firstTimestamp'] },
);

describe("kafkajs's record decoder without 64-bit Longs", () => {
  it('decodes any record as kafkajs does: every field, the headers (repeated, null, odd names) in the same order', () => {
    fc.assert(
      fc.property(raw, context, (record, batchContext) => {
        const { original, fastOne, keys } = both(bodyOf(record), batchContext);
        expect(fastOne).toEqual(original);
        expect(keys[1]).toEqual(keys[0]);
        expect(fastOne.batchContext).toBe(batchContext);
      }),
      { numRuns: 3_000 },
    );
  });

  it('decodes what the services publish: a fresh timestamp, small deltas, three headers', () => {
    const record = { attributes: 0, timestampDelta: 3, offsetDelta: 41, key: Buffer.from('chu-sainte-justine:T-1'), value: Buffer.from('{"a":1}'), headers: [['event-type', Buffer.from('ticket.opened')], ['schema-version', Buffer.from('1')], ['event-type', Buffer.from('x')]] as [string, Buffer][] };
    const { original, fastOne } = both(bodyOf(record), { firstOffset: '1200', firstTimestamp: '1796685579364', magicByte: 2, timestampType: 0 });
    expect(fastOne).toEqual(original);
    expect(fastOne).toMatchObject({ offset: '1241', timestamp: '1796685579367', headers: { 'event-type': [Buffer.from('ticket.opened'), Buffer.from('x')] } });
  });
});
