import { ensureTopics } from '@stageplus/kafka';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { uniqueName } from './unique-names';

export interface RecordedMessage<T = unknown> {
  readonly topic: string;
  readonly key: string | null;
  readonly value: T;
  readonly headers: Record<string, string>;
  /** When this recorder received it (ms). */
  readonly receivedAt: number;
}

/**
 * Records every message of some topics from their beginning, and waits on them with a deadline
 * (never a sleep): `await recorder.waitFor((msgs) => msgs.length >= 3, 10_000)`.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer: Consumer | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly brokers: string[], private readonly topics: string[]) {}

  async start(): Promise<this> {
    const kafka = new Kafka({ clientId: uniqueName('recorder'), brokers: this.brokers, logLevel: logLevel.NOTHING });
    // Subscribing to a topic that does not exist yet fails: create it (a no-op when it exists).
    await ensureTopics(kafka, this.topics, 3);
    this.consumer = kafka.consumer({ groupId: uniqueName('recorder'), sessionTimeout: 10_000, maxWaitTimeInMs: 250 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        const text = message.value?.toString('utf8') ?? 'null';
        let value: unknown = text;
        try {
          value = JSON.parse(text);
        } catch {
          value = text;
        }
        this.messages.push({ topic, key: message.key?.toString() ?? null, value, headers, receivedAt: Date.now() });
        this.waiters.forEach((w) => w());
      },
    });
    return this;
  }

  of<T>(topic: string): RecordedMessage<T>[] {
    return this.messages.filter((m) => m.topic === topic) as RecordedMessage<T>[];
  }

  /** The messages whose value has one of these `type`s, of one ticket when `ticketId` is given. */
  ofType<T extends { type: string; ticketId: string }>(types: readonly string[], ticketId?: string): RecordedMessage<T>[] {
    return (this.messages as RecordedMessage<T>[]).filter(
      (m) => types.includes(m.value?.type) && (ticketId === undefined || m.value.ticketId === ticketId),
    );
  }

  /** Resolves as soon as `done(messages)` holds; rejects after `timeoutMs` with what was seen. */
  waitFor(done: (messages: RecordedMessage[]) => boolean, timeoutMs: number): Promise<void> {
    if (done(this.messages)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.messages)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms; recorded ${this.messages.length} messages:\n${this.describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
    });
  }

  describe(): string {
    return this.messages.map((m) => `${m.topic} ${JSON.stringify(m.value)}`).join('\n');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }
}
