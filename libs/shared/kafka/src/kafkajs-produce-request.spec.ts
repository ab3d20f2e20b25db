import fc from 'fast-check';
import { createRequire } from 'node:module';
import { installFastKafkajsEncoder, uninstallFastKafkajsEncoder } from './kafkajs-encoder';
import { singlePassProduceRequest, type KafkajsEncoderClass } from './kafkajs-produce-request';

// Under jest these are kafkajs's own modules: its registry is not Node's module cache.
const requireHere = createRequire(__filename);
type Request = { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<{ buffer: Buffer }> };
const kafkajsRequest = requireHere('kafkajs/src/protocol/requests/produce/v3/request') as (args: object) => Request;
const Encoder = requireHere('kafkajs/src/protocol/encoder') as KafkajsEncoderClass;
const Long = requireHere('kafkajs/src/utils/long') as { fromInt(v: number): unknown; fromValue(v: unknown): unknown };
const singlePass = singlePassProduceRequest(Encoder, Long, kafkajsRequest as never) as unknown as (args: object) => Request;

/** A request's bytes at a fixed clock. */
async function bytesOf(produce: (args: object) => Request, args: object, now: number): Promise<string> {
  const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
  try {
    return Buffer.from((await produce(args).encode()).buffer).toString('hex');
  } finally {
    spy.mockRestore();
  }
}

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ minLength: 300, maxLength: 1_500 }));
const bytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
const message = fc.record(
  {
    key: fc.oneof(text, bytes, fc.constant(null)),
    value: fc.oneof(text, bytes, fc.constant(null)),
    headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 16 }), fc.oneof(text, bytes, fc.array(text, { maxLength: 2 })), { maxKeys: 4 }),
    timestamp: fc.oneof(fc.integer({ min: 1, max: 4_000_000_000_000 }).map(String), fc.integer({ min: 1, max: 4_000_000_000_000 })),
  },
  { requiredKeys: ['key', 'value'] },
);
const partitions = fc.uniqueArray(fc.nat({ max: 50 }), { maxLength: 4 }).chain((ids) =>
  fc.tuple(...ids.map((partition) => fc.record({ partition: fc.constant(partition), firstSequence: fc.option(fc.nat({ max: 1_000 }), { nil: undefined }), messages: fc.array(message, { maxLength: 25 }) }))),
);
const args = fc.record({
  acks: fc.constantFrom(-1, 0, 1),
  timeout: fc.nat({ max: 60_000 }),
  transactionalId: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  producerId: fc.option(fc.integer({ min: -1, max: 2 ** 40 }).map((v) => Long.fromValue(v)), { nil: undefined }),
  producerEpoch: fc.option(fc.nat({ max: 100 }), { nil: undefined }),
  topicData: fc.array(fc.record({ topic: fc.string({ minLength: 1, maxLength: 30 }), partitions }), { maxLength: 3 }),
});

describe("kafkajs's produce request in one buffer", () => {
  afterAll(() => installFastKafkajsEncoder()); // as the services run (EventPublisher installs it)

  it.each([
    ['with kafkajs encoder as it ships', uninstallFastKafkajsEncoder],
    ['with the faster encoder the services install', installFastKafkajsEncoder],
  ])('writes the bytes kafkajs writes for any request, %s', async (_, setUp) => {
    setUp();
    await fc.assert(
      fc.asyncProperty(args, fc.integer({ min: 0, max: 4_000_000_000_000 }), async (request, now) => {
        expect(await bytesOf(singlePass, request, now)).toBe(await bytesOf(kafkajsRequest, request, now));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the request the publisher sends: one topic, 1,000 records over 6 partitions, 3 headers each', async () => {
    const value = JSON.stringify({ eventId: 'e'.repeat(36), tenantId: 'chu-sainte-justine', note: 'é'.repeat(300) });
    const messages = Array.from({ length: 1_000 }, (_, i) => ({ key: `chu-sainte-justine:T-${i}`, value, headers: { 'event-type': 'ticket.opened', 'schema-version': '1', 'content-type': 'application/json' } }));
    const request = { acks: -1, timeout: 30_000, topicData: [{ topic: 'tickets.events', partitions: [0, 1, 2, 3, 4, 5].map((p) => ({ partition: p, messages: messages.filter((_, i) => i % 6 === p) })) }] };
    const encoded = await bytesOf(singlePass, request, 1_796_000_000_000);
    expect(encoded).toBe(await bytesOf(kafkajsRequest, request, 1_796_000_000_000));
    expect(encoded.length / 2).toBeGreaterThan(1_000 * value.length);
  });

  it("is kafkajs's request otherwise (its name, version, response), and leaves compressed requests and what it does not take to kafkajs", async () => {
    const plain = { acks: -1, timeout: 1_000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v' }] }] }] };
    const ours = singlePass(plain);
    const theirs = kafkajsRequest(plain);
    expect({ apiKey: ours.apiKey, apiVersion: ours.apiVersion, apiName: ours.apiName }).toEqual({ apiKey: theirs.apiKey, apiVersion: theirs.apiVersion, apiName: theirs.apiName });
    const compressed = { ...plain, compression: 1 };
    expect(await bytesOf(singlePass, compressed, 1_000)).toBe(await bytesOf(kafkajsRequest, compressed, 1_000));
    const farTimestamp = { ...plain, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v', timestamp: 2 ** 53 - 1 }, { key: 'k', value: 'v', timestamp: 1 }] }] }] };
    expect(await bytesOf(singlePass, farTimestamp, 1_000)).toBe(await bytesOf(kafkajsRequest, farTimestamp, 1_000));
  });
});
