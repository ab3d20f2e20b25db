import { Module, createRequire } from 'node:module';
import { isPatchedKafkajsVersion } from './kafkajs-version';

/**
 * Two of kafkajs 2.2.4's produce-path modules, replaced by equivalents that return the same
 * values in linear time. Profiled in the timer's catch-up (50,000 alerts), they took ~0.44 s of
 * its ~6 s of CPU, and `bench:catchup` went from 4.3 to 3.9 s with them (docs/benchmarks.md):
 * - `groupMessagesPerPartition` copies a partition's array for every message it adds
 *   (`[...current, message]`): quadratic in the messages one send puts on one partition;
 * - `crc32C` (every record batch's checksum) reads one byte per table lookup; here eight.
 *
 * kafkajs takes both with `require` when it loads (`sendMessages.js`, `recordBatch/v0`), so
 * they can be replaced only before that, in Node's module cache: `install-kafkajs-modules.ts`
 * is the first import of every module of this lib that loads kafkajs. Under jest, whose module
 * registry is its own, kafkajs keeps its originals (same values, slower).
 */
const GROUPING = 'kafkajs/src/producer/groupMessagesPerPartition';
const CRC32C = 'kafkajs/src/protocol/recordBatch/crc32C/crc32C';
/** Loaded by kafkajs's index: once it is cached, kafkajs holds its originals. */
const TAKERS = ['kafkajs/src/producer/sendMessages', 'kafkajs/src/protocol/recordBatch/v0'];

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

/** CRC-32C (Castagnoli), slicing by 8: `T[k]` advances a byte through k more zero bytes. */
const POLYNOMIAL = 0x82f63b78;
const T = new Int32Array(256 * 8);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
  T[n] = c;
}
for (let n = 0; n < 256; n++) {
  for (let k = 1, c = T[n]; k < 8; k++) T[k * 256 + n] = c = T[c & 0xff] ^ (c >>> 8);
}

/** The unsigned CRC-32C of the bytes, as kafkajs's `crc32C`. */
export function crc32c(buf: Uint8Array): number {
  let crc = -1;
  let i = 0;
  const end8 = buf.length - (buf.length & 7);
  for (; i < end8; i += 8) {
    const a = (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) ^ crc;
    const b = buf[i + 4] | (buf[i + 5] << 8) | (buf[i + 6] << 16) | (buf[i + 7] << 24);
    crc =
      T[1792 + (a & 0xff)] ^ T[1536 + ((a >>> 8) & 0xff)] ^ T[1280 + ((a >>> 16) & 0xff)] ^ T[1024 + (a >>> 24)] ^
      T[768 + (b & 0xff)] ^ T[512 + ((b >>> 8) & 0xff)] ^ T[256 + ((b >>> 16) & 0xff)] ^ T[b >>> 24];
  }
  for (; i < buf.length; i++) crc = T[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const requireHere = createRequire(__filename);
let outcome: KafkajsModulesOutcome | null = null;

/** Puts both into Node's module cache, once; says whether kafkajs will use them. */
export function installKafkajsModules(): KafkajsModulesOutcome {
  outcome ??= install();
  return outcome;
}

function install(): KafkajsModulesOutcome {
  if (!isPatchedKafkajsVersion()) return 'other kafkajs version';
  const cache = requireHere.cache;
  if (TAKERS.some((id) => requireHere.resolve(id) in cache)) return 'kafkajs already loaded';
  for (const [id, exports] of [[GROUPING, groupMessagesPerPartition], [CRC32C, crc32c]] as const) {
    const filename = requireHere.resolve(id);
    const module = new Module(filename);
    Object.assign(module, { filename, loaded: true, exports });
    cache[filename] = module;
  }
  return 'installed';
}
