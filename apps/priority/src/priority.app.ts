import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProblemDetailsFilter, timeHttpRequests } from '@stageplus/http';
import { BrokerWatch, createKafka, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { createRedis } from '@stageplus/redis';
import { DEFAULT_POLICY_PATH, parsePolicy, PolicyError } from '@stageplus/sla-policy';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import type { PriorityConfig } from './priority.config';
import { createPriorityLogging } from './priority.logger';
import { PriorityModule } from './priority.module';
import { SERVICE_NAME } from './priority.tokens';
import { PRIORITIZE_TICKET } from './tickets/prioritize-ticket/prioritize-ticket.handler';

/**
 * The priority service as a hybrid Nest app: health endpoints over HTTP, ticket events over the
 * Kafka batch transport (one batch per partition, partitions in parallel). Returned initialised
 * (policy loaded, Redis and producer connected, topics created) but neither consuming nor
 * listening: {@link startPriorityApp} does both. `app.close()` stops the consumer (after the
 * batches in flight), then the producer, then Redis.
 *
 * @throws PolicyError when the policy file is unreadable or invalid; connection errors as they come.
 */
export async function createPriorityApp(config: PriorityConfig): Promise<INestApplication> {
  const source = config.policyFile ?? DEFAULT_POLICY_PATH;
  const text = readPolicyText(source);
  parsePolicy(text, source); // an invalid POLICY_FILE stops the service before it connects
  const { logger, params: logging } = createPriorityLogging(config.log);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `sla-${SERVICE_NAME}`, logger: logger.child({ component: 'kafka' }) });
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const publisher = new EventPublisher(kafka, undefined, metrics.publisherObserver());
  const redis = createRedis(config.redis, { lazyConnect: true });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'Redis connection error; reconnecting'));
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger: logger.child({ component: 'broker-watch' }) });
  const eventServer = new KafkaBatchServer({
    kafka,
    broker,
    service: SERVICE_NAME,
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    stuckAfterMs: config.stuckAfterMs,
    subscriptions: { [PRIORITIZE_TICKET]: config.topics.ticketEvents },
    publisher,
    logger: logger.child({ component: 'consumer' }),
    observer: metrics.consumerObserver(),
  });
  const policies = new PolicyFollower({
    kafka,
    topics: config.policyTopics,
    service: SERVICE_NAME,
    instance: randomUUID(),
    local: { text, source, explicit: config.policyFile !== undefined },
    publisher,
    logger: logger.child({ component: 'policy' }),
    broker,
    clock: Date.now,
  });
  const module = PriorityModule.register({ config, policies, logging, kafka, publisher, eventServer, broker, redis, metrics });
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  timeHttpRequests(app, metrics);
  // HTTP errors (an unknown route) as problem+json, like every service; HTTP only, not the handler.
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.connectMicroservice({ strategy: eventServer }); // the handler carries RethrowRpcErrorsFilter
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/** Starts consuming, then serves the health endpoints and `/metrics` on `config.http`. */
export async function startPriorityApp(app: INestApplication, config: PriorityConfig): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  app.get(Logger).log(`health endpoints on ${await app.getUrl()}/health; consuming ${config.topics.ticketEvents}`, 'PriorityApp');
}

function readPolicyText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError('POLICY.FILE_UNREADABLE', `Cannot read SLA policy file ${path}: ${(error as Error).message}`);
  }
}
