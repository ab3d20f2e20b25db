import { randomUUID } from 'node:crypto';
import { parsePolicyStatusRecord, parsePolicyVersionRecord, policyStatusKey, type PolicyStatusRecord, type PolicyVersionRecord } from '@stageplus/contracts';
import type { Kafka } from 'kafkajs';
import type { ReachabilitySource } from './broker-watch';
import type { EventPublisher } from './event-publisher';
import type { AdapterLogger } from './kafka-client';
import { ManagedConsumer } from './managed-consumer';
import { readTopicToEnd } from './read-topic-to-end';

export interface PolicyFeedOptions {
  readonly kafka: Kafka;
  /** `sla.policy` under its configured name; one partition. */
  readonly topic: string;
  readonly logger: AdapterLogger;
  /** Prefix of the follower's own group (a UUID follows: every instance reads every record). */
  readonly groupId: string;
  readonly broker?: ReachabilitySource;
}

/**
 * The published policy versions: the whole topic read to its end (`readAll`), then every record
 * written after it (`follow`). Records that are not versions are skipped with a warning; the
 * follower commits nothing and starts where the read stopped, so no version is missed or seen twice.
 */
export class PolicyFeed {
  private nextOffset = 0n;
  private consumer: ManagedConsumer | null = null;

  constructor(private readonly options: PolicyFeedOptions) {}

  /** Every version published so far, in publication order. */
  async readAll(timeoutMs?: number): Promise<PolicyVersionRecord[]> {
    const records: PolicyVersionRecord[] = [];
    await readTopicToEnd(
      this.options.kafka,
      this.options.topic,
      (r) => {
        this.nextOffset = BigInt(r.offset) + 1n;
        const record = this.parse(r.value, r.offset);
        if (record !== null) records.push(record);
      },
      { groupPrefix: `${this.options.groupId}-read`, timeoutMs },
    );
    return records;
  }

  /** Calls `onVersion` for each version published after what `readAll` returned, in order. */
  async follow(onVersion: (record: PolicyVersionRecord) => void): Promise<void> {
    const { kafka, topic, logger, groupId, broker } = this.options;
    this.consumer = new ManagedConsumer({
      kafka,
      groupId: `${groupId}-${randomUUID()}`,
      topics: [topic],
      logger,
      autoCommit: false,
      autoResolve: true,
      broker,
      startAt: async () => [{ topic, partition: 0, offset: String(this.nextOffset) }],
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          if (BigInt(m.offset) < this.nextOffset) continue;
          this.nextOffset = BigInt(m.offset) + 1n;
          const record = this.parse(m.value, m.offset);
          if (record !== null) onVersion(record);
        }
      },
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  private parse(value: Buffer | null, offset: string): PolicyVersionRecord | null {
    const record = parsePolicyVersionRecord(value);
    if (record === null) this.options.logger.warn({ topic: this.options.topic, offset }, 'not a policy version record; skipped');
    return record;
  }
}

/** Produces a version keyed by itself, acknowledged by every in-sync replica. */
export async function publishPolicyVersion(publisher: EventPublisher, topic: string, record: PolicyVersionRecord): Promise<void> {
  await publisher.publish(topic, [{ key: record.version, value: record, partition: 0 }]);
}

/** Produces an instance's status, keyed `service:instance`. */
export async function publishPolicyStatus(publisher: EventPublisher, topic: string, status: PolicyStatusRecord): Promise<void> {
  await publisher.publish(topic, [{ key: policyStatusKey(status.service, status.instance), value: status, partition: 0 }]);
}

/** The last status of each instance (by `service:instance`), as the status topic holds it now. */
export async function readPolicyStatuses(kafka: Kafka, topic: string, groupPrefix = 'sla-policy-status'): Promise<Map<string, PolicyStatusRecord>> {
  const latest = new Map<string, PolicyStatusRecord>();
  await readTopicToEnd(
    kafka,
    topic,
    (r) => {
      if (r.key === null) return;
      const status = parsePolicyStatusRecord(r.value);
      if (status === null) latest.delete(r.key);
      else latest.set(r.key, status);
    },
    { groupPrefix, timeoutMs: 30_000 },
  );
  return latest;
}
