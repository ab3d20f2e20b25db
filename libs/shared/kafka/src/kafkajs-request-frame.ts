import { encoderOf, type EncoderLike } from './kafkajs-record';

/**
 * kafkajs 2.2.4's request framing (`protocol/request`): size, API key and version, correlation
 * id and client id, then the request's payload, written into one buffer of exactly its size.
 * kafkajs writes the header into an encoder, copies the payload into it, then copies the whole
 * into another encoder behind the size; each encoder grows by doubling, so a 1 MiB produce
 * request was copied about five times over (5.8 % of the timer's busy time in bench:pipeline,
 * docs/benchmarks.md, fifteenth session). Here the payload is copied once. The bytes are
 * kafkajs's (kafkajs-request-frame.spec compares them).
 */
export interface FramedRequest {
  readonly correlationId: number;
  readonly clientId: string | null | undefined;
  readonly request: { readonly apiKey: number; readonly apiVersion: number; encode(): Promise<EncoderLike> | EncoderLike };
}

/** The framing function with kafkajs's signature; `prototype` is kafkajs's `Encoder.prototype`. */
export function singlePassRequestFrame(prototype: object): (framed: FramedRequest) => Promise<EncoderLike> {
  return async function frameRequest({ correlationId, clientId, request: { apiKey, apiVersion, encode } }: FramedRequest): Promise<EncoderLike> {
    const payload = await encode();
    if (payload == null || !Buffer.isBuffer(payload.buf)) throw new Error('value should be an instance of Encoder');
    const clientIdLength = clientId == null ? -1 : Buffer.byteLength(clientId, 'utf8');
    const size = 2 + 2 + 4 + 2 + Math.max(clientIdLength, 0) + payload.offset;
    const buf = Buffer.allocUnsafeSlow(4 + size);
    let at = buf.writeInt32BE(size, 0);
    at = buf.writeInt16BE(apiKey, at);
    at = buf.writeInt16BE(apiVersion, at);
    at = buf.writeInt32BE(correlationId, at);
    at = buf.writeInt16BE(clientIdLength, at);
    if (clientId != null) at += buf.write(clientId, at, 'utf8');
    buf.set(payload.buf.subarray(0, payload.offset), at);
    return encoderOf(prototype, buf, buf.length);
  };
}
