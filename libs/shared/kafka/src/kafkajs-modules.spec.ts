import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32c, groupMessagesPerPartition } from './kafkajs-modules';

// Under jest these are kafkajs's own modules: its registry is not Node's module cache.
const requireHere = createRequire(__filename);
const kafkajsGrouping = requireHere('kafkajs/src/producer/groupMessagesPerPartition') as typeof groupMessagesPerPartition;
const kafkajsCrc32C = requireHere('kafkajs/src/protocol/recordBatch/crc32C/crc32C') as typeof crc32c;
const root = join(__dirname, '../../../..');

/** What installing says in a fresh Node process, after `prelude` ran. */
function inFreshNode(prelude: string): { outcome: string; grouping: boolean; crc: boolean; request: boolean } {
  const script = `${prelude}
    const mods = require('./libs/shared/kafka/src/kafkajs-modules.ts');
    const outcome = mods.installKafkajsModules();
    const grouping = require('kafkajs/src/producer/groupMessagesPerPartition') === mods.groupMessagesPerPartition;
    const crc = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C') === mods.crc32c;
    // Version 7, which the broker takes, builds on version 3's request.
    const request = String(require('kafkajs/src/protocol/requests/produce/v7/request')({ acks: -1, timeout: 1, topicData: [] }).encode).includes('encodeInOnePass') &&
      require('kafkajs/src/protocol/request').name === 'frameRequest' &&
      require('kafkajs/src/protocol/recordBatch/record/v0/decoder').name === 'decodeRecordFast';
    process.stdout.write(JSON.stringify({ outcome, grouping, crc, request }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' }, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { outcome: string; grouping: boolean; crc: boolean; request: boolean };
}

describe("kafkajs's produce-path modules, replaced", () => {
  it('groups messages per partition exactly as kafkajs does: the same partitions, each in order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 11 }), { maxLength: 300 }), fc.integer({ min: 0, max: 12 }), (targets, partitionCount) => {
        const input = {
          topic: 'sla.events',
          partitionMetadata: Array.from({ length: partitionCount }, (_, partitionId) => ({ partitionId })),
          messages: targets.map((partition, i) => ({ key: `t-${i}`, partition })),
          partitioner: ({ message }: { message: { partition: number } }) => message.partition,
        };
        expect(groupMessagesPerPartition(input)).toEqual(kafkajsGrouping(input));
      }),
    );
  });

  it("computes kafkajs's CRC-32C for any bytes, and the standard check value", () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_100 }), (bytes) => expect(crc32c(bytes)).toBe(kafkajsCrc32C(bytes))));
  });

  it('is what kafkajs uses in a service process: the lib puts them in place before kafkajs loads', () => {
    expect(inFreshNode("require('./libs/shared/kafka/src/index.ts');")).toEqual({ outcome: 'installed', grouping: true, crc: true, request: true });
  });

  it('says so, and leaves kafkajs whole, when kafkajs loaded first', () => {
    expect(inFreshNode("require('kafkajs');")).toEqual({ outcome: 'kafkajs already loaded', grouping: false, crc: false, request: false });
  });
});
