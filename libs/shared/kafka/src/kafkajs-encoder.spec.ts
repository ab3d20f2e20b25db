import fc from 'fast-check';
import { createRequire } from 'node:module';
import { installFastKafkajsEncoder, kafkajsEncoder, uninstallFastKafkajsEncoder } from './kafkajs-encoder';
import { splitBySize } from './produce-requests';

const requireHere = createRequire(__filename);
type Message = { key: string | Buffer | null; value: string | Buffer | null; headers?: Record<string, string>; timestamp?: string };
type ProduceRequest = (args: object) => { encode(): Promise<{ buffer: Buffer }> };
const produceV3 = requireHere('kafkajs/src/protocol/requests/produce/v3/request') as ProduceRequest;
const Encoder = kafkajsEncoder() as unknown as { new (): { buffer: Buffer; writeVarInt(v: number): unknown; writeVarLong(v: unknown): unknown; writeVarIntBytes(v: unknown): unknown; writeInt64(v: unknown): unknown }; sizeOfVarLong(v: unknown): number };

/** A produce request's bytes, as the broker would get them, at a fixed clock. */
async function encode(partitions: Message[][], now: number): Promise<Buffer> {
  const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
  try {
    const request = produceV3({
      acks: -1,
      timeout: 10_000,
      compression: 0,
      topicData: [{ topic: 'tickets.prioritized', partitions: partitions.map((messages, partition) => ({ partition, firstSequence: 0, messages })) }],
    });
    return Buffer.from((await request.encode()).buffer);
  } finally {
    spy.mockRestore();
  }
}

async function both<T>(run: () => Promise<T> | T): Promise<{ original: T; fast: T }> {
  uninstallFastKafkajsEncoder();
  const original = await run();
  expect(installFastKafkajsEncoder()).toBe(true);
  try {
    return { original, fast: await run() };
  } finally {
    uninstallFastKafkajsEncoder();
  }
}

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ minLength: 400, maxLength: 3_000 }));
const message: fc.Arbitrary<Message> = fc.record(
  {
    key: fc.oneof(text, fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)), fc.constant(null)),
    value: fc.oneof(text, fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)), fc.constant(null)),
    headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
    timestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }).map(String),
  },
  { requiredKeys: ['key', 'value'] },
);

describe('faster kafkajs encoder', () => {
  afterAll(() => installFastKafkajsEncoder()); // as the services run (EventPublisher installs it)

  it('encodes produce requests byte for byte as kafkajs does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(message, { maxLength: 30 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), async (partitions, now) => {
        const { original, fast } = await both(() => encode(partitions, now));
        expect(fast.equals(original)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('writes varints and 64-bit varints as kafkajs does, at every boundary', async () => {
    const ints = [0, 1, -1, 63, 64, -64, -65, 127, 128, 8191, 8192, 2 ** 20, 2 ** 27, 2 ** 30, 2 ** 31 - 1, -(2 ** 31), 1_000_000_007];
    const longs = [...ints, 2 ** 32, 2 ** 35, -(2 ** 40), 2 ** 49, 2 ** 51, -(2 ** 51), 2 ** 51 + 2, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -0];
    const run = () => {
      const out: (Buffer | number)[] = [];
      for (const v of ints) out.push((new Encoder().writeVarInt(v) as { buffer: Buffer }).buffer);
      for (const v of longs) out.push((new Encoder().writeVarLong(v) as { buffer: Buffer }).buffer, Encoder.sizeOfVarLong(v));
      const many = new Encoder();
      for (let i = 0; i < 2_000; i++) many.writeVarIntBytes('x'.repeat(i % 700));
      out.push(many.buffer);
      return out.map((o) => (typeof o === 'number' ? o : o.toString('hex')));
    };
    const { original, fast } = await both(run);
    expect(fast).toEqual(original);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (i, l) => {
        uninstallFastKafkajsEncoder();
        const expected = [new Encoder().writeVarInt(i), new Encoder().writeVarLong(l)].map((e) => (e as { buffer: Buffer }).buffer.toString('hex')).concat(String(Encoder.sizeOfVarLong(l)));
        installFastKafkajsEncoder();
        const actual = [new Encoder().writeVarInt(i), new Encoder().writeVarLong(l)].map((e) => (e as { buffer: Buffer }).buffer.toString('hex')).concat(String(Encoder.sizeOfVarLong(l)));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('encodes the records the publisher hands kafkajs (their offsetDelta and timestampDelta zeros) as the same records without them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 4_000_000_000_000 }), async (messages, now) => {
        const outgoing = messages.map((m) => ({ key: m.key ?? '', value: m.value === null ? null : String(m.value), headers: m.headers }));
        const [request] = splitBySize([{ topic: 't', messages: outgoing }], Infinity);
        const records = request[0].messages;
        expect(records[0]).toMatchObject({ offsetDelta: 0, timestampDelta: 0 });
        const without = records.map(({ key, value, headers }) => ({ key, value, headers }));
        expect((await encode([records as Message[]], now)).equals(await encode([without as Message[]], now))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('installs once, and only on the kafkajs it was written for', () => {
    expect(installFastKafkajsEncoder()).toBe(true);
    expect(installFastKafkajsEncoder()).toBe(true);
    expect((requireHere('kafkajs/package.json') as { version: string }).version).toBe('2.2.4');
  });
});
