import fc from 'fast-check';
import { createRequire } from 'node:module';
import { singlePassRequestFrame, type FramedRequest } from './kafkajs-request-frame';

// Under jest these are kafkajs's own modules: its registry is not Node's module cache.
const requireHere = createRequire(__filename);
type Encoder = { buf: Buffer; offset: number; buffer: Buffer; writeBuffer(b: Buffer): Encoder };
const Encoder = requireHere('kafkajs/src/protocol/encoder') as { new (): Encoder; prototype: object };
const kafkajsFrame = requireHere('kafkajs/src/protocol/request') as (framed: FramedRequest) => Promise<Encoder>;
const frame = singlePassRequestFrame(Encoder.prototype) as unknown as (framed: FramedRequest) => Promise<Encoder>;

const bytesOf = async (framing: (framed: FramedRequest) => Promise<Encoder>, framed: FramedRequest) => Buffer.from((await framing(framed)).buffer).toString('hex');

describe("kafkajs's request framing in one buffer", () => {
  it('frames any request as kafkajs does: size, API key and version, correlation id, client id, payload', async () => {
    const clientId = fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 70 }), fc.nat({ max: 12 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), clientId, fc.uint8Array({ maxLength: 5_000 }), async (apiKey, apiVersion, correlationId, id, payload) => {
        const request = { apiKey, apiVersion, encode: async () => new Encoder().writeBuffer(Buffer.from(payload)) };
        const framed = { correlationId, clientId: id, request };
        expect(await bytesOf(frame, framed)).toBe(await bytesOf(kafkajsFrame, framed));
      }),
      { numRuns: 500 },
    );
  });

  it('frames a payload of a mebibyte, as a full produce request is, and holds exactly its bytes', async () => {
    const payload = Buffer.alloc(1 << 20, 0x5a);
    const framed = { correlationId: 7, clientId: 'sla-timer', request: { apiKey: 0, apiVersion: 7, encode: () => new Encoder().writeBuffer(payload) } };
    const encoder = await frame(framed);
    expect(encoder.buffer.toString('hex')).toBe(await bytesOf(kafkajsFrame, framed));
    expect(encoder.buf.length).toBe(encoder.offset);
  });

  it('refuses what is not an encoder, as kafkajs does', async () => {
    const framed = { correlationId: 1, clientId: 'c', request: { apiKey: 0, apiVersion: 7, encode: async () => ({ buf: 'no', offset: 0 }) as never } };
    await expect(kafkajsFrame(framed)).rejects.toThrow('value should be an instance of Encoder');
    await expect(frame(framed)).rejects.toThrow('value should be an instance of Encoder');
  });
});
