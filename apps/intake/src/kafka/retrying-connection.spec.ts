import { waitUntil } from '@stageplus/testing';
import { RetryingConnection, type Connectable } from './retrying-connection';

/** A producer whose broker answers from the `failures + 1`-th attempt on. */
class FlakyProducer implements Connectable {
  attempts = 0;
  disconnects = 0;
  isConnected = false;
  private readonly gates: (() => void)[] = [];

  constructor(
    private readonly failures: number,
    private readonly gated = false,
  ) {}

  async connect(): Promise<void> {
    this.attempts += 1;
    if (this.gated) await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.attempts <= this.failures) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    this.isConnected = true;
  }

  async disconnect(): Promise<void> {
    this.disconnects += 1;
    this.isConnected = false;
  }

  open(): void {
    this.gates.splice(0).forEach((open) => open());
  }
}

const logs: { level: string; message?: string }[] = [];
const logger = {
  info: (_: object, message?: string) => logs.push({ level: 'info', message }),
  warn: (_: object, message?: string) => logs.push({ level: 'warn', message }),
  error: (_: object, message?: string) => logs.push({ level: 'error', message }),
};
const fast = { initialDelayMs: 1, maxDelayMs: 4, startupWaitMs: 50 };

describe('a connection retried in the background (the producer)', () => {
  it('connects at startup when the broker answers', async () => {
    const producer = new FlakyProducer(0);
    const connection = new RetryingConnection(producer, 'Kafka producer', logger, fast);
    await connection.start();
    expect(connection.isConnected).toBe(true);
    await connection.stop();
    expect(producer.disconnects).toBe(1);
  });

  it('starts without the broker and keeps trying in the background until it answers', async () => {
    const producer = new FlakyProducer(3);
    const connection = new RetryingConnection(producer, 'Kafka producer', logger, fast);
    await connection.start();
    await waitUntil(async () => (connection.isConnected ? true : undefined), 2_000, 'connected');
    expect(producer.attempts).toBe(4);
    await connection.stop();
  });

  it('does not hold startup longer than its wait when an attempt hangs', async () => {
    const producer = new FlakyProducer(0, true);
    const connection = new RetryingConnection(producer, 'Kafka producer', logger, fast);
    const started = Date.now();
    await connection.start();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(connection.isConnected).toBe(false);
    await connection.stop();
    producer.open();
    await waitUntil(async () => (producer.disconnects === 1 ? true : undefined), 2_000, 'the late connection closed');
  });

  it('stops retrying at shutdown', async () => {
    const producer = new FlakyProducer(Number.MAX_SAFE_INTEGER);
    const connection = new RetryingConnection(producer, 'Kafka producer', logger, { ...fast, initialDelayMs: 60_000 });
    await connection.start();
    await connection.stop();
    const attempts = producer.attempts;
    await new Promise((resolve) => setImmediate(resolve));
    expect(producer.attempts).toBe(attempts);
  });
});
