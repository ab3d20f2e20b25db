/**
 * Where the integration tests find Kafka and Redis. `test-brokers.global-setup.ts` sets these
 * variables: from the environment, from testcontainers when a Docker engine answers, or the
 * local brokers that `tools/kafka/kafka.sh` starts.
 */
export function testBrokers(): { kafkaBrokers: string[]; redisUrl: string } {
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
