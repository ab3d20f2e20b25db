import { randomUUID } from 'node:crypto';
import { parsePolicyStatusRecord, POLICY_INSTANCE_ALIVE_MS, type PolicyStatusRecord } from '@stageplus/contracts';
import type { Consumer, Kafka } from 'kafkajs';

/**
 * The last status of every instance on `sla.policy.status`, read from its beginning and kept up to
 * date while the command waits. `caughtUp` once it has read what the topic held when it started:
 * before that, an instance missing from the map may only be unread.
 */
export class PolicyStatusWatch {
  private readonly latest = new Map<string, PolicyStatusRecord>();
  private consumer: Consumer | null = null;
  private end = 0n;
  private readUpTo = 0n;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  get caughtUp(): boolean {
    return this.readUpTo >= this.end;
  }

  /** The instances whose last status is younger than three heartbeats at `now`. */
  running(now: number): PolicyStatusRecord[] {
    return [...this.latest.values()].filter((s) => now - Date.parse(s.at) < POLICY_INSTANCE_ALIVE_MS);
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      this.end = BigInt(offsets.find((o) => o.partition === 0)?.high ?? '0');
    } finally {
      await admin.disconnect();
    }
    const consumer = this.kafka.consumer({ groupId: `sla-policy-publish-${randomUUID()}`, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        this.readUpTo = BigInt(message.offset) + 1n;
        const key = message.key?.toString('utf8');
        if (key === undefined) return;
        const status = parsePolicyStatusRecord(message.value);
        if (status === null) this.latest.delete(key);
        else this.latest.set(key, status);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
