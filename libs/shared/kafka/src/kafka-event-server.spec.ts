import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { KafkaMessage } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import { parseJsonValue, type IncomingMessage } from './incoming-message';
import { createKafka } from './kafka-client';
import { KafkaEventServer } from './kafka-event-server';
import { ensureTopics } from './topic-admin';
import { PermanentMessageError } from './message-errors';
import { RethrowRpcErrorsFilter } from './rethrow-rpc-errors.filter';

jest.setTimeout(60_000);

const handled: unknown[] = [];
const progress = new EventEmitter();
let transientFailuresLeft = 0;

@Controller()
class EchoHandler {
  @EventPattern('echo')
  async handle(@Payload() message: IncomingMessage): Promise<void> {
    const value = parseJsonValue(message) as { n?: number };
    if (typeof value.n !== 'number') throw new PermanentMessageError('ECHO.NO_NUMBER', 'n must be a number');
    if (transientFailuresLeft > 0) {
      transientFailuresLeft--;
      throw new Error('store unavailable');
    }
    handled.push(value.n);
    progress.emit('change');
  }
}

@Module({ controllers: [EchoHandler] })
class EchoModule {}

// This lib sits below the shared testing helpers (which use it), so the spec brings its own.
const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('KafkaEventServer on the real broker', () => {
  const topic = uniqueName('echo');
  const kafka = createKafka({ brokers, clientId: 'spec' });
  const publisher = new EventPublisher(kafka);
  let app: Awaited<ReturnType<typeof NestFactory.createMicroservice>>;
  const dead: KafkaMessage[] = [];
  const dlq = kafka.consumer({ groupId: uniqueName('dlq'), maxWaitTimeInMs: 250 });

  beforeAll(async () => {
    await ensureTopics(kafka, [topic, `${topic}.dlq`]);
    await publisher.connect();
    const server = new KafkaEventServer({ kafka, service: 'spec', groupId: uniqueName('g'), subscriptions: { echo: topic }, publisher, logger: silent });
    app = await NestFactory.createMicroservice(EchoModule, { strategy: server, logger: false });
    app.useGlobalFilters(new RethrowRpcErrorsFilter());
    await app.listen();
    await dlq.connect();
    await dlq.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        dead.push(message);
        progress.emit('change');
      },
    });
  });

  afterAll(async () => {
    await dlq.disconnect();
    await app?.close();
    await publisher.disconnect();
  });

  it('dead-letters what can never be applied, retries what failed for a while, and keeps the order', async () => {
    transientFailuresLeft = 2;
    await publisher.publish(topic, [
      { key: 'k', value: { n: 1 } },
      { key: 'k', value: { text: 'no number' } },
      { key: 'k', value: { n: 2 } },
    ]);
    const signal = AbortSignal.timeout(20_000);
    while (handled.length < 2 || dead.length < 1) await once(progress, 'change', { signal });
    expect(handled).toEqual([1, 2]);
    expect(JSON.parse(dead[0].value?.toString() ?? 'null')).toMatchObject({
      reason: 'ECHO.NO_NUMBER',
      value: '{"text":"no number"}',
      service: 'spec',
    });
  });

  it('refuses to start when a subscription has no handler', async () => {
    const server = new KafkaEventServer({ kafka, service: 'spec', groupId: uniqueName('g'), subscriptions: { missing: uniqueName('t') }, publisher, logger: silent });
    const other = await NestFactory.createMicroservice(EchoModule, { strategy: server, logger: false });
    await expect(other.listen()).rejects.toThrow(/no @EventPattern handler for subscription\(s\) missing/);
    await other.close();
  });
});
