import { execFileSync } from 'node:child_process';

/**
 * Jest global setup for integration suites. Uses KAFKA_BROKERS / REDIS_URL when set; otherwise
 * starts Kafka and Redis with testcontainers if a Docker engine answers; otherwise expects the
 * local brokers (`tools/kafka/kafka.sh start`, Redis on 127.0.0.1:6379).
 */
export default async function setup(): Promise<void> {
  if (process.env.KAFKA_BROKERS && process.env.REDIS_URL) return;
  if (dockerAnswers()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const kafka = await new GenericContainer('apache/kafka:4.1.1')
      .withExposedPorts({ container: 9092, host: 19092 })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start();
    const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    process.env.KAFKA_BROKERS = `127.0.0.1:19092`;
    process.env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
    (globalThis as { __containers__?: unknown[] }).__containers__ = [kafka, redis];
    return;
  }
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
}

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
