import { crc32c } from './crc32c';
import { encoderOf, planRecord, writeRecord, type EncoderLike, type RecordInput, type RecordPlan } from './kafkajs-record';

/**
 * kafkajs 2.2.4's produce request (`protocol/requests/produce/v3/request`, which versions 4-7
 * reuse), encoded in one buffer. kafkajs builds it from nested encoders (request, topic,
 * partition, record batch, record, header), each grown as it is written and copied whole into
 * its parent: a record's bytes are copied five or six times, and a 1,000-record request makes
 * thousands of small buffers. Here every record is sized first, then the request is written into
 * one buffer of exactly its size; each batch's CRC-32C is taken over its place in it. Encoding a
 * 1,000-record request took 13.9-14.6 ms with kafkajs's encoders, 1.5-1.6 ms here
 * (docs/benchmarks.md, fifteenth session).
 *
 * The bytes are kafkajs's (kafkajs-produce-request.spec compares them). A compressed request, or
 * a message kafkajs's record encoder would treat otherwise (`planRecord`), goes to kafkajs's own.
 */
export interface ProduceMessage extends RecordInput {
  readonly timestamp?: string | number | null;
}

interface PartitionData {
  readonly partition: number;
  readonly firstSequence?: number;
  readonly messages: readonly ProduceMessage[];
}

interface ProduceArgs {
  readonly acks: number;
  readonly timeout: number;
  readonly transactionalId?: string | null;
  readonly producerId?: unknown;
  readonly producerEpoch?: number;
  readonly compression?: number;
  readonly topicData: readonly { readonly topic: string; readonly partitions: readonly PartitionData[] }[];
}

interface ProduceRequest {
  encode(): Promise<EncoderLike>;
}

/** kafkajs's `Encoder`, for the few fixed-size fields whose encoding (64-bit `Long`s) is kept as kafkajs writes it. */
export interface KafkajsEncoderClass {
  new (): KafkajsEncoderInstance;
  prototype: object;
}
type KafkajsEncoderInstance = EncoderLike & {
  writeInt16(v: number): KafkajsEncoderInstance;
  writeInt32(v: number): KafkajsEncoderInstance;
  writeInt64(v: unknown): KafkajsEncoderInstance;
};

const MAGIC_BYTE = 2;
const TRANSACTIONAL = 16;
/** partition, batch size, first offset, batch length, leader epoch, magic, CRC (before the batch's body). */
const PARTITION_HEAD = 4 + 4 + 8 + 4 + 4 + 1 + 4;

interface PlannedPartition {
  readonly data: PartitionData;
  /** The batch's fixed fields (attributes to first sequence) and its record count, as kafkajs writes them. */
  readonly head: Buffer;
  readonly records: RecordPlan[];
  readonly bodySize: number;
}

/** A produce request function with kafkajs's signature, standing in for `original`. */
export function singlePassProduceRequest<R extends ProduceRequest>(Encoder: KafkajsEncoderClass, Long: { fromInt(v: number): unknown }, original: (args: ProduceArgs) => R): (args: ProduceArgs) => R {
  return function singlePassProduce(args: ProduceArgs): R {
    const request = original(args);
    if ((args.compression ?? 0) !== 0) return request;
    const fallback = request.encode.bind(request);
    request.encode = async () => encodeInOnePass(Encoder, Long, args) ?? fallback();
    return request;
  };
}

function encodeInOnePass(Encoder: KafkajsEncoderClass, Long: { fromInt(v: number): unknown }, args: ProduceArgs): EncoderLike | null {
  const { transactionalId = null, producerId = Long.fromInt(-1), producerEpoch = 0 } = args;
  const topics: { name: string; nameLength: number; partitions: PlannedPartition[] }[] = [];
  let size = 2 + (transactionalId == null ? 0 : Buffer.byteLength(transactionalId, 'utf8')) + 2 + 4 + 4;
  for (const { topic, partitions } of args.topicData) {
    const planned: PlannedPartition[] = [];
    const nameLength = Buffer.byteLength(topic, 'utf8');
    size += 2 + nameLength + 4;
    for (const data of partitions) {
      const partition = planPartition(Encoder, data, { transactional: !!transactionalId, producerId, producerEpoch });
      if (partition === null) return null;
      planned.push(partition);
      size += PARTITION_HEAD + partition.bodySize;
    }
    topics.push({ name: topic, nameLength, partitions: planned });
  }
  const buf = Buffer.allocUnsafeSlow(size);
  let at = transactionalId == null ? buf.writeInt16BE(-1, 0) : buf.writeInt16BE(Buffer.byteLength(transactionalId, 'utf8'), 0);
  if (transactionalId != null) at += buf.write(transactionalId, at, 'utf8');
  at = buf.writeInt16BE(args.acks, at);
  at = buf.writeInt32BE(args.timeout, at);
  at = buf.writeInt32BE(topics.length, at);
  for (const topic of topics) {
    at = buf.writeInt16BE(topic.nameLength, at);
    at += buf.write(topic.name, at, 'utf8');
    at = buf.writeInt32BE(topic.partitions.length, at);
    for (const { data, head, records, bodySize } of topic.partitions) {
      const batchLength = 4 + 1 + 4 + bodySize; // leader epoch, magic, CRC, body
      at = buf.writeInt32BE(data.partition, at);
      at = buf.writeInt32BE(8 + 4 + batchLength, at); // the record batch's size: first offset, length, batch
      at = buf.writeInt32BE(0, buf.writeInt32BE(0, at)); // first offset: 0 (64 bits)
      at = buf.writeInt32BE(batchLength, at);
      at = buf.writeInt32BE(0, at); // partition leader epoch
      at = buf.writeInt8(MAGIC_BYTE, at);
      const crcAt = at;
      at += 4;
      const bodyStart = at;
      buf.set(head, at);
      at += head.length;
      for (const record of records) at = writeRecord(buf, at, record);
      buf.writeUInt32BE(crc32c(buf.subarray(bodyStart, at)), crcAt);
    }
  }
  if (at !== size) throw new Error(`single-pass produce request: wrote ${at} bytes of ${size}`);
  return encoderOf(Encoder.prototype, buf, size);
}

/** kafkajs's `partitionsEncoder` up to the records: their timestamps, deltas and plans, and the batch's fixed fields. */
function planPartition(Encoder: KafkajsEncoderClass, data: PartitionData, batch: { transactional: boolean; producerId: unknown; producerEpoch: number }): PlannedPartition | null {
  const { messages } = data;
  const dateNow = Date.now();
  const stamped = messages.map((m) => m.timestamp).filter((t) => t != null);
  const timestamps = stamped.length === 0 ? [dateNow] : stamped.sort(); // kafkajs sorts them as strings
  const firstTimestamp = timestamps[0];
  const maxTimestamp = timestamps[timestamps.length - 1];
  const records: RecordPlan[] = [];
  let bodySize = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const timestampDelta = ((m.timestamp || dateNow) as number) - (firstTimestamp as number);
    const plan = planRecord({ key: m.key, value: m.value, headers: m.headers, offsetDelta: i, timestampDelta });
    if (plan === null) return null;
    records.push(plan);
    bodySize += plan.size;
  }
  const head = new Encoder()
    .writeInt16(batch.transactional ? TRANSACTIONAL : 0)
    .writeInt32(messages.length - 1)
    .writeInt64(firstTimestamp)
    .writeInt64(maxTimestamp)
    .writeInt64(batch.producerId)
    .writeInt16(batch.producerEpoch)
    .writeInt32(data.firstSequence ?? 0)
    .writeInt32(messages.length);
  const headBytes = head.buf.subarray(0, head.offset);
  return { data, head: headBytes, records, bodySize: bodySize + headBytes.length };
}
