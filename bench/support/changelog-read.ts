import { readTopicToEnd } from '@stageplus/kafka';
import { Kafka, logLevel } from 'kafkajs';

export interface ChangelogReadReport {
  readonly records: number;
  /** Distinct keys whose last record is not a tombstone: the open tickets the log describes. */
  readonly liveKeys: number;
  readonly bytes: number;
  /** From fetching the end offsets to the last record as of the start (ms). */
  readonly ms: number;
}

/**
 * Reads a topic from its beginning to its end offsets as of the call with the reader the timer's
 * rebuild uses (`readTopicToEnd`, a throwaway group, 8 MiB fetches) and nothing else done with
 * the records: the least any rebuild from the timer's changelog must pay.
 */
export async function measureChangelogRead(brokers: readonly string[], topic: string, timeoutMs: number): Promise<ChangelogReadReport> {
  const kafka = new Kafka({ clientId: 'bench-changelog', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const latest = new Map<string, boolean>();
  let records = 0;
  let bytes = 0;
  const started = Date.now();
  await readTopicToEnd(
    kafka,
    topic,
    ({ partition, key, value }) => {
      records++;
      bytes += Buffer.byteLength(key ?? '') + (value?.length ?? 0);
      latest.set(`${partition}/${key ?? ''}`, value !== null);
    },
    { timeoutMs, groupPrefix: 'bench-changelog', maxBytesPerPartition: 8 << 20 },
  );
  const ms = Date.now() - started;
  return { records, liveKeys: [...latest.values()].filter(Boolean).length, bytes, ms };
}
