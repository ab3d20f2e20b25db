import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { uniqueName } from './unique-names';

const run = promisify(execFile);
const root = join(__dirname, '../../../..');
const script = join(root, 'tools/kafka/kafka.sh');

/**
 * A single-node Kafka of a test's own (`tools/kafka/kafka.sh` on free ports, in a temporary
 * home), for tests that stop and restart the broker: the shared one on 9092 is never stopped.
 * Reuses the jars the shared broker fetched (`<repo>/.kafka/lib-*`) when there are some. Needs
 * Java 17+, as `npm test` does. Restarting keeps the data: a restart, not a new cluster.
 */
export class PrivateKafka {
  private home = '';
  private port = 0;
  private controllerPort = 0;

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /**
   * Starts it (or starts it again after {@link stop}); resolves once it answers and, the first
   * time, once a consumer group can join (the offsets topic exists and its coordinator is loaded:
   * on a busy machine that alone can outlast a service's startup deadline).
   */
  async start(timeoutMs = 120_000): Promise<this> {
    const fresh = this.home === '';
    if (fresh) {
      this.home = mkdtempSync(join(tmpdir(), 'private-kafka-'));
      [this.port, this.controllerPort] = [await freePort(), await freePort()];
      const shared = join(root, '.kafka');
      for (const lib of existsSync(shared) ? readdirSync(shared).filter((n) => n.startsWith('lib-')) : []) {
        if (existsSync(join(shared, lib, '.complete'))) symlinkSync(join(shared, lib), join(this.home, lib));
      }
    }
    await this.kafkaSh('start', timeoutMs);
    if (fresh) await this.joinAGroup(timeoutMs);
    return this;
  }

  /** Stops it as an operator would (`kafka.sh stop`: SIGTERM, then SIGKILL after 30 s). */
  async stop(): Promise<void> {
    if (this.home !== '') await this.kafkaSh('stop', 60_000);
  }

  /** Stops it and deletes its data. */
  async remove(): Promise<void> {
    await this.stop();
    if (this.home !== '') rmSync(this.home, { recursive: true, force: true });
    this.home = '';
  }

  private async joinAGroup(timeoutMs: number): Promise<void> {
    const kafka = new Kafka({ clientId: 'private-kafka-warm-up', brokers: [this.brokers], logLevel: logLevel.NOTHING });
    const topic = uniqueName('warm-up');
    const deadline = Date.now() + timeoutMs;
    // A fresh KRaft broker answers "does not host this topic-partition" for a moment after
    // creating a topic, and "coordinator not available" while it loads the offsets topic.
    for (let attempt = 1; ; attempt++) {
      const consumer = kafka.consumer({ groupId: topic });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [topic] });
        await consumer.run({ eachMessage: async () => undefined });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('not joined yet')), Math.max(0, deadline - Date.now()))));
        await Promise.race([joined, late]).finally(() => clearTimeout(timer));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no consumer group joined within ${timeoutMs} ms (${attempt} attempts): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await consumer.disconnect();
      }
    }
  }

  private async kafkaSh(command: 'start' | 'stop', timeoutMs: number): Promise<void> {
    await run('bash', [script, command], {
      timeout: timeoutMs,
      env: {
        ...process.env,
        KAFKA_LOCAL_HOME: this.home,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_HEAP: '-Xms128m -Xmx256m',
        KAFKA_WAIT_SECONDS: String(Math.ceil(timeoutMs / 1_000)),
      },
    });
  }
}
