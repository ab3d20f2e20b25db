import { Inject, Injectable, Module, type DynamicModule, type INestApplication, type OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HEALTH_PROBE, HealthController, ProblemDetailsFilter, serviceLogging, MetricsModule, timeHttpRequests } from '@stageplus/http';
import { BrokerWatch, createKafka, ensureTopics, EventPublisher, KafkaBatchServer } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { createRedis, describeRedis } from '@stageplus/redis';
import type { Redis } from 'ioredis';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { BridgeConfig } from './bridge.config';
import { BRIDGE_CONFIG, DESTINATION_SENDERS, EVENT_PUBLISHER, LOGGER, SERVICE_NAME } from './bridge.tokens';
import { destinationUrls } from './destinations/bridge-destination';
import type { AlertResender } from './forward-alerts/alertmanager-api/alert-resender';
import { bridgeDeadLetterTopic } from './forward-alerts/bridge-dead-letters';
import { bridgeDestinations } from './forward-alerts/bridge-destinations';
import { deliveryObservers } from './forward-alerts/delivery-metrics';
import { FORWARD_BREACHES, FORWARD_ESCALATIONS, ForwardAlertsHandler } from './forward-alerts/forward-alerts.handler';
import { BridgeHealthProbe } from './health/bridge-health.probe';

/** Dead letters are kept as long as the events they refer to (30 days, as `systemTopics` says). */
const DEAD_LETTER_CONFIGS = { 'retention.ms': String(30 * 86_400_000) };

interface BridgeParts {
  readonly publisher: EventPublisher;
  readonly redis: Redis;
  readonly resender: AlertResender;
}

/** Stops the re-sends, then closes the producer and Redis, after the consumer has drained (Nest closes microservices first). */
@Injectable()
class BridgeLifecycle implements OnApplicationShutdown {
  constructor(@Inject('bridge:parts') private readonly parts: BridgeParts) {}

  async onApplicationShutdown(): Promise<void> {
    await this.parts.resender.stop();
    await this.parts.publisher.disconnect();
    if (this.parts.redis.status === 'ready') await this.parts.redis.quit();
    else this.parts.redis.disconnect();
  }
}

/**
 * The on-call bridge: consumes `sla.escalations` and `sla.breaches` and POSTs each alert to the
 * on-call webhook (Alertmanager or PagerDuty format), committing a partition's offsets only
 * once its events are delivered. Returned connected (Redis, producer, dead-letter topics) but
 * neither consuming nor listening: {@link startBridgeApp} does both.
 */
export async function createBridgeApp(config: BridgeConfig): Promise<INestApplication> {
  const { logger, params } = serviceLogging({ level: config.log.level, format: config.log.format, service: SERVICE_NAME });
  const metrics = new ServiceMetrics(SERVICE_NAME);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `sla-${SERVICE_NAME}`, logger: logger.child({ component: 'kafka' }) });
  const publisher = new EventPublisher(kafka, 10_000, metrics.publisherObserver());
  const redis = createRedis(config.redis, { lazyConnect: true });
  redis.on('error', (error: Error) => logger.warn({ component: 'redis', err: error }, 'Redis connection error; reconnecting'));
  const { senders, resender } = bridgeDestinations(config, redis, deliveryObservers(metrics, logger.child({ component: 'forward-alerts' })));
  const broker = new BrokerWatch({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME, logger });
  const eventServer = new KafkaBatchServer({
    kafka,
    broker,
    service: SERVICE_NAME,
    groupId: config.groupId,
    subscriptions: { [FORWARD_ESCALATIONS]: config.topics.slaEscalations, [FORWARD_BREACHES]: config.topics.slaBreaches },
    publisher,
    logger: logger.child({ component: 'consumer' }),
    partitionsConsumedConcurrently: 6,
    observer: metrics.consumerObserver(),
  });

  await redis.connect().catch((error: Error) => {
    throw new Error(`cannot connect to Redis at ${describeRedis(config.redis)}: ${error.message}`);
  });
  const topics = [config.topics.slaEscalations, config.topics.slaBreaches];
  await ensureTopics(kafka, topics.map((topic) => ({ topic: bridgeDeadLetterTopic(topic), partitions: 3, configs: DEAD_LETTER_CONFIGS })));
  await publisher.connect();

  const module: DynamicModule = {
    module: BridgeModule,
    imports: [LoggerModule.forRoot(params), MetricsModule.register({ metrics, token: config.metricsToken })],
    controllers: [HealthController, ForwardAlertsHandler],
    providers: [
      { provide: BRIDGE_CONFIG, useValue: config },
      { provide: DESTINATION_SENDERS, useValue: senders },
      { provide: EVENT_PUBLISHER, useValue: publisher },
      { provide: LOGGER, useValue: logger.child({ component: 'forward-alerts' }) },
      { provide: HEALTH_PROBE, useValue: new BridgeHealthProbe(eventServer, publisher, redis, senders, broker) },
      { provide: 'bridge:parts', useValue: { publisher, redis, resender } },
      BridgeLifecycle,
    ],
  };
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  timeHttpRequests(app, metrics);
  // HTTP errors (an unknown route) as problem+json, like every service; HTTP only, not the handler.
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.connectMicroservice({ strategy: eventServer }, { inheritAppConfig: false }); // the handler carries RethrowRpcErrorsFilter
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

@Module({})
class BridgeModule {}

/** Starts consuming and re-sending, then serves `/health` and `/metrics` on `config.http`; resolves with the URL. */
export async function startBridgeApp(app: INestApplication, config: BridgeConfig): Promise<string> {
  // Re-sending first: joining the group can wait out a crashed member's session, and Alertmanager's resolve_timeout runs meanwhile.
  app.get<BridgeParts>('bridge:parts').resender.start();
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  const where = config.destinations.map((d) => `${d.name} (${d.format}: ${destinationUrls(d).map((u) => new URL(u).origin).join(', ')})`).join('; ');
  app.get(Logger).log(`forwarding ${config.topics.slaEscalations} and ${config.topics.slaBreaches} to ${where}; health on ${url}/health`, 'BridgeApp');
  return url;
}
