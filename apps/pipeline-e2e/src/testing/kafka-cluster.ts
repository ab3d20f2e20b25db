import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKafka } from '@stageplus/kafka';
import { freePort, waitUntil } from '@stageplus/testing';

const root = join(__dirname, '../../../..');
const run = promisify(execFile);

/**
 * Why the three-node cluster cannot start here, or null when it can: java and the jars
 * (`tools/kafka/kafka.sh start` fetches them; CI starts the single broker first).
 */
export function clusterUnavailable(): string | null {
  const version = /<kafka.version>(.*)<\/kafka.version>/.exec(readFileSync(join(root, 'tools/kafka/pom.xml'), 'utf8'))?.[1];
  const lib = join(process.env.KAFKA_LOCAL_HOME ?? join(root, '.kafka'), `lib-${version}`, '.complete');
  if (!existsSync(lib)) return `the Kafka jars are not fetched (${lib} missing): run tools/kafka/kafka.sh start once`;
  return null;
}

/**
 * A private three-node KRaft cluster (`tools/kafka/kafka.sh cluster`), in a temporary home on
 * free ports, so that it never meets another run's cluster nor the shared broker on 9092.
 */
export class LocalKafkaCluster {
  readonly home = mkdtempSync(join(tmpdir(), 'kafka-cluster-'));
  brokers: string[] = [];
  private env: NodeJS.ProcessEnv = {};

  async start(timeoutMs = 240_000): Promise<this> {
    const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    this.brokers = ports.slice(0, 3).map((p) => `127.0.0.1:${p}`);
    this.env = {
      ...process.env,
      KAFKA_CLUSTER_HOME: this.home,
      KAFKA_CLUSTER_PORTS: ports.slice(0, 3).join(','),
      KAFKA_CLUSTER_CONTROLLER_PORTS: ports.slice(3).join(','),
      KAFKA_WAIT_SECONDS: String(Math.floor(timeoutMs / 1000)),
    };
    await this.script(['start'], timeoutMs + 10_000);
    await this.groupCoordinatorAnswers(timeoutMs);
    return this;
  }

  /**
   * A fresh cluster creates `__consumer_offsets` (10 partitions, 3 replicas) on the first group
   * lookup, which takes a while on a busy machine: services that start meanwhile hear "the group
   * coordinator is not available" until it is done.
   */
  private async groupCoordinatorAnswers(timeoutMs: number): Promise<void> {
    const kafka = createKafka({ brokers: this.brokers, clientId: 'cluster-test' });
    const admin = kafka.admin();
    // The first idempotent producer's id comes from the transaction state topic, created then too.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      await waitUntil(() => admin.describeGroups(['warm-up']).then(() => true, () => undefined), timeoutMs, 'the group coordinator of a fresh cluster');
      await waitUntil(
        () => producer.send({ topic: 'cluster-warm-up', acks: -1, messages: [{ value: 'x' }] }).then(() => true, () => undefined),
        timeoutMs,
        'an idempotent write on a fresh cluster',
      );
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  }

  /** kill -9 of node `id` (1-3): a crash, no clean shutdown. */
  async kill(id: number): Promise<void> {
    await this.script(['kill', String(id)], 30_000);
  }

  /** Starts node `id` again and resolves once the three brokers answer. */
  async restart(id: number, timeoutMs = 120_000): Promise<void> {
    await this.script(['start', String(id)], timeoutMs);
  }

  /** Node id of the broker leading a partition now. */
  async leaderOf(topic: string, partition: number): Promise<number> {
    const admin = createKafka({ brokers: this.brokers, clientId: 'cluster-test' }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const leader = topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
      if (leader === undefined || leader < 0) throw new Error(`${topic}/${partition} has no leader`);
      return leader;
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops the nodes started from this home and deletes it. */
  async stop(): Promise<void> {
    if (Object.keys(this.env).length > 0) await this.script(['stop'], 90_000).catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private async script(args: string[], timeoutMs: number): Promise<string> {
    try {
      const { stdout } = await run('bash', [join(root, 'tools/kafka/kafka.sh'), 'cluster', ...args], { env: this.env, timeout: timeoutMs });
      return stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`kafka.sh cluster ${args.join(' ')} failed: ${(error as Error).message}\n${(stderr ?? '').slice(-3_000)}`);
    }
  }
}
