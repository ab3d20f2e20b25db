import fc from 'fast-check';
import { createRequire } from 'node:module';
import { installFastKafkajsEncoder, uninstallFastKafkajsEncoder } from './kafkajs-encoder';
import { planRecord, writeRecord, type RecordInput } from './kafkajs-record';

// Under jest these are kafkajs's own modules: its registry is not Node's module cache.
const requireHere = createRequire(__filename);
const kafkajsRecord = requireHere('kafkajs/src/protocol/recordBatch/record/v0') as (input: RecordInput) => { buffer: Buffer };

/** The record as the single-pass request writes it: planned, then written into a buffer of exactly its size. */
const singlePass = (input: RecordInput): { buffer: Buffer } => {
  const plan = planRecord(input);
  if (plan === null) throw new Error('no plan: left to kafkajs');
  const buffer = Buffer.alloc(plan.size);
  expect(writeRecord(buffer, 0, plan)).toBe(plan.size);
  return { buffer };
};

const bytesOf = (encode: (input: RecordInput) => { buffer: Buffer }, input: RecordInput) => Buffer.from(encode(input).buffer).toString('hex');

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ minLength: 100, maxLength: 3_000 }));
const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b));
const headerValue = fc.oneof(text, bytes);
const record: fc.Arbitrary<RecordInput> = fc.record(
  {
    key: fc.oneof(text, bytes, fc.constant(null)),
    value: fc.oneof(text, bytes, fc.constant(null)),
    headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 })), { maxKeys: 5 }),
    offsetDelta: fc.oneof(fc.nat({ max: 1_000 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
    timestampDelta: fc.oneof(fc.nat({ max: 10_000 }), fc.integer({ min: -(2 ** 51), max: 2 ** 51 })),
  },
  { requiredKeys: [] },
);

describe("kafkajs's records, planned and written in place", () => {
  afterAll(() => installFastKafkajsEncoder()); // as the services run (EventPublisher installs it)

  it.each([
    ['with kafkajs encoder as it ships', uninstallFastKafkajsEncoder],
    ['with the faster encoder the services install', installFastKafkajsEncoder],
  ])('writes the bytes kafkajs writes for any record, %s', (_, setUp) => {
    setUp();
    fc.assert(
      fc.property(record, (input) => {
        expect(bytesOf(singlePass, input)).toBe(bytesOf(kafkajsRecord, input));
      }),
      { numRuns: 1_500 },
    );
  });

  it('writes them at the varints\' boundaries: sizes, offsets and timestamps of 1 to 8 bytes', () => {
    const sizes = [0, 1, 63, 64, 127, 128, 8_191, 8_192, 70_000];
    const deltas = [0, 1, -1, 63, 64, -64, -65, 8_191, 8_192, 2 ** 20, 2 ** 27, 2 ** 31 - 1, -(2 ** 31)];
    const longs = [...deltas, 2 ** 32, 2 ** 35, -(2 ** 40), 2 ** 49, 2 ** 51, -(2 ** 51)];
    for (const size of sizes) {
      const input = { key: 'k'.repeat(size), value: Buffer.alloc(size, 7), headers: { h: 'v'.repeat(size) } };
      expect(bytesOf(singlePass, input)).toBe(bytesOf(kafkajsRecord, input));
    }
    for (const offsetDelta of deltas) expect(bytesOf(singlePass, { key: 'k', value: 'v', offsetDelta })).toBe(bytesOf(kafkajsRecord, { key: 'k', value: 'v', offsetDelta }));
    for (const timestampDelta of longs) expect(bytesOf(singlePass, { key: 'k', value: 'v', timestampDelta })).toBe(bytesOf(kafkajsRecord, { key: 'k', value: 'v', timestampDelta }));
  });

  it('writes a record where it is told, and nothing around it', () => {
    const input = { key: 'chu:T-1', value: '{"a":1}', headers: { 'event-type': 'ticket.opened' } };
    const plan = planRecord(input)!;
    const buffer = Buffer.alloc(plan.size + 20, 0xee);
    expect(writeRecord(buffer, 10, plan)).toBe(10 + plan.size);
    expect(buffer.subarray(10, 10 + plan.size).equals(kafkajsRecord(input).buffer)).toBe(true);
    expect([...buffer.subarray(0, 10), ...buffer.subarray(10 + plan.size)].every((b) => b === 0xee)).toBe(true);
  });

  it('has no plan for what kafkajs treats otherwise: its request goes to kafkajs, which writes or refuses it', () => {
    // A timestamp delta beyond 2^51 goes through kafkajs's 64-bit Long.
    expect(planRecord({ key: 'k', value: 'v', timestampDelta: 2 ** 53 - 1 })).toBeNull();
    for (const refused of [{ key: 'k', value: 42 }, { key: 'k', value: 'v', headers: { h: null } }, { key: {}, value: 'v' }]) {
      expect(planRecord(refused as RecordInput)).toBeNull();
      expect(() => kafkajsRecord(refused as RecordInput)).toThrow(/must be of type string/);
    }
  });
});
