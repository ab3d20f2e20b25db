import { Module, createRequire } from 'node:module';
import { crc32c } from './crc32c';
import { singlePassProduceRequest, type KafkajsEncoderClass } from './kafkajs-produce-request';
import { fastRecordDecoder, type BatchContext, type DecoderLike } from './kafkajs-record-decoder';
import { singlePassRequestFrame } from './kafkajs-request-frame';
import { isPatchedKafkajsVersion } from './kafkajs-version';

/**
 * Five of kafkajs 2.2.4's modules, replaced by equivalents that return the same values. A
 * produce request is written in one buffer, its records in place (`kafkajs-produce-request.ts`,
 * `kafkajs-record.ts`), every request framed in one buffer (`kafkajs-request-frame.ts`), a
 * fetched record decoded without 64-bit `Long`s (`kafkajs-record-decoder.ts`): the largest items
 * of the services' profiles after garbage collection (docs/benchmarks.md, fifteenth session).
 * The other two return their values in linear time; profiled in the timer's catch-up (50,000
 * alerts), those two took ~0.44 s of its ~6 s of CPU, and `bench:catchup` went from 4.3 to 3.9 s
 * with them:
 * - `groupMessagesPerPartition` copies a partition's array for every message it adds
 *   (`[...current, message]`): quadratic in the messages one send puts on one partition;
 * - `crc32C` (every record batch's checksum) reads one byte per table lookup; here eight.
 *
 * kafkajs takes them with `require` when it loads (`sendMessages.js`, `recordBatch/v0`,
 * `network/connection.js`), fetches (`recordBatch/v0/decoder.js`) or sends its first message
 * (`produce/v3/request.js`, and the later versions' requests), so they can be replaced only
 * before that, in Node's module cache: `install-kafkajs-modules.ts` is the first import of every
 * module of this lib that loads kafkajs. Under jest, whose module registry is its own, kafkajs
 * keeps its originals (same values, slower).
 */
const GROUPING = 'kafkajs/src/producer/groupMessagesPerPartition';
const CRC32C = 'kafkajs/src/protocol/recordBatch/crc32C/crc32C';
const PRODUCE_V3 = 'kafkajs/src/protocol/requests/produce/v3/request';
const FRAME = 'kafkajs/src/protocol/request';
const RECORD_DECODER = 'kafkajs/src/protocol/recordBatch/record/v0/decoder';
/** The modules that take them: once one is cached, kafkajs holds the originals. */
const TAKERS = [
  'kafkajs/src/producer/sendMessages',
  'kafkajs/src/protocol/recordBatch/v0',
  'kafkajs/src/network/connection',
  'kafkajs/src/protocol/recordBatch/v0/decoder',
  PRODUCE_V3,
  'kafkajs/src/protocol/requests/produce/v4/request',
  'kafkajs/src/protocol/requests/produce/v5/request',
];

export { crc32c };

export type KafkajsModulesOutcome = 'installed' | 'kafkajs already loaded' | 'other kafkajs version';

interface GroupingInput<M> {
  readonly topic: string;
  readonly partitionMetadata: readonly unknown[];
  readonly messages: readonly M[];
  readonly partitioner: (args: { topic: string; partitionMetadata: readonly unknown[]; message: M }) => number;
}

/** kafkajs's grouping, in one pass: the same partitions, each with its messages in order. */
export function groupMessagesPerPartition<M>({ topic, partitionMetadata, messages, partitioner }: GroupingInput<M>): Record<number, M[]> {
  if (partitionMetadata.length === 0) return {};
  const result: Record<number, M[]> = {};
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (result[partition] ??= []).push(message);
  }
  return result;
}

const requireHere = createRequire(__filename);
let outcome: KafkajsModulesOutcome | null = null;

/** Puts both into Node's module cache, once; says whether kafkajs will use them. */
export function installKafkajsModules(): KafkajsModulesOutcome {
  outcome ??= install();
  return outcome;
}

function putInCache(id: string, exports: unknown): void {
  const filename = requireHere.resolve(id);
  const module = new Module(filename);
  Object.assign(module, { filename, loaded: true, exports });
  requireHere.cache[filename] = module;
}

function install(): KafkajsModulesOutcome {
  if (!isPatchedKafkajsVersion()) return 'other kafkajs version';
  const cache = requireHere.cache;
  if (TAKERS.some((id) => requireHere.resolve(id) in cache)) return 'kafkajs already loaded';
  // kafkajs's own produce request and record decoder stay behind the replacements, for what they take otherwise.
  const Encoder = requireHere('kafkajs/src/protocol/encoder') as KafkajsEncoderClass;
  const recordDecoder = fastRecordDecoder(requireHere(RECORD_DECODER) as (decoder: DecoderLike, batchContext?: BatchContext) => unknown);
  const replacements = [
    [GROUPING, groupMessagesPerPartition],
    [CRC32C, crc32c],
    [FRAME, singlePassRequestFrame(Encoder.prototype)],
    [RECORD_DECODER, recordDecoder],
  ] as const;
  for (const [id, exports] of replacements) putInCache(id, exports);
  // Only now: kafkajs's own request loads its record batch, which takes the checksum above.
  const originalRequest = requireHere(PRODUCE_V3) as Parameters<typeof singlePassProduceRequest>[2];
  const Long = requireHere('kafkajs/src/utils/long') as { fromInt(v: number): unknown };
  putInCache(PRODUCE_V3, singlePassProduceRequest(Encoder, Long, originalRequest));
  return 'installed';
}
