import type { DeadLetter } from '@stageplus/contracts';
import { createKafka } from '@stageplus/kafka';
import { testBrokers, uniqueName, type RecordedMessage } from '@stageplus/testing';
import { Partitioners } from 'kafkajs';

/** A record as a misbehaving producer writes it: any bytes, any key, or no value at all. */
export interface RawRecord {
  /** What the case is, for failure messages. */
  readonly label: string;
  readonly key: string | null;
  readonly value: string | Buffer | null;
}

/** A raw record where it landed. */
export interface Landed {
  readonly label: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Writes records to a topic one send each, in order, bypassing every service (the probe's
 * produce.js): the way poison reaches a consumer. Same partitioner as the services, so that a
 * record keyed like a ticket lands on that ticket's partition.
 */
export async function produceRaw(topic: string, records: readonly RawRecord[]): Promise<Landed[]> {
  const kafka = createKafka({ brokers: testBrokers().kafkaBrokers, clientId: uniqueName('poison-producer') });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const landed: Landed[] = [];
    for (const record of records) {
      const [result] = await producer.send({ topic, acks: -1, messages: [{ key: record.key, value: record.value }] });
      landed.push({ label: record.label, partition: result.partition, offset: result.baseOffset ?? '' });
    }
    return landed;
  } finally {
    await producer.disconnect();
  }
}

/** The reason of each landed record's dead letter on `dlq` (recorded), by label; absent when none came. */
export function reasonsByLabel(letters: readonly RecordedMessage[], sourceTopic: string, landed: readonly Landed[]): Record<string, string> {
  const reasons: Record<string, string> = {};
  for (const { value } of letters as RecordedMessage<DeadLetter>[]) {
    const origin = landed.find((l) => value.source.topic === sourceTopic && l.partition === value.source.partition && l.offset === value.source.offset);
    if (origin !== undefined) reasons[origin.label] = value.reason;
  }
  return reasons;
}
