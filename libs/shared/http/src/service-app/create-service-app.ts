import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceMetrics } from '@stageplus/metrics';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { serviceLogging } from '../logging/logger-options';
import { MetricsModule, timeHttpRequests } from '../metrics/metrics.module';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import type { ServiceConfig } from './service-config';

/** What every service's components give the skeleton. */
export interface ServiceComponents {
  /** Served on `GET /metrics`; HTTP requests are timed into it. */
  readonly metrics: ServiceMetrics;
  /** The Kafka transport of a service that consumes; started after HTTP is wired, before it listens. */
  readonly eventServer?: CustomTransportStrategy;
}

/**
 * One service, in the same three parts for all five: `<app>.components.ts` gives `build`,
 * `prepare` and `stop`; `<app>.module.ts` gives `module`; the camelCase config is read once by
 * `main.ts` (the edge) and handed to `createServiceApp`.
 */
export interface ServiceDefinition<C extends ServiceConfig, P extends ServiceComponents> {
  /** The `service` field of every log line, and the metrics' prefix. */
  readonly name: string;
  /** Builds the adapters from the configuration: no I/O yet. */
  build(config: C, logger: PinoLogger): P;
  /** Controllers and one provider per port, each typed by the interface its users need. */
  module(components: P, config: C): DynamicModule;
  /** Connects, creates topics, reads the policy history: before anything is consumed or served. */
  prepare(components: P, config: C): Promise<void>;
  /**
   * Closes what `prepare` opened, after the consumer has drained and HTTP has closed (Nest closes
   * microservices first); also after a `prepare` that failed half-way, so it must tolerate that.
   */
  stop(components: P): Promise<void>;
  /** Express-level wiring before the routes: middlewares, static files, a body parser of its own. */
  configureHttp?(app: NestExpressApplication, components: P, config: C): void;
  /** Runs just before consuming starts (the bridge's re-sends). */
  beforeStart?(components: P): void;
  /** Whether Nest's own JSON parser is mounted (default true); false when `configureHttp` mounts one. */
  readonly bodyParser?: boolean;
}

/** A prepared service: wired, connected, neither consuming nor listening until `start`. */
export interface ServiceApp<P> {
  readonly app: NestExpressApplication;
  readonly components: P;
  /** Starts consuming (if the service consumes), then listens on `config.http`; resolves with the URL. */
  start(): Promise<string>;
}

const SERVICE_STOP = 'service:stop';

@Injectable()
class ServiceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_STOP) private readonly stop: () => Promise<void>) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

@Module({})
class ServiceRootModule {}

/**
 * Builds a service the one way all five are built: logging, components, module with `/metrics`
 * and problem+json errors, HTTP wiring, `prepare`, the Kafka transport. On a failure the app is
 * closed (so `stop` runs) and the error rethrown for `main` to print.
 */
export async function createServiceApp<C extends ServiceConfig, P extends ServiceComponents>(definition: ServiceDefinition<C, P>, config: C): Promise<ServiceApp<P>> {
  const { logger, params } = serviceLogging({ level: config.log.level, format: config.log.format, service: definition.name });
  const components = definition.build(config, logger);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= definition.stop(components));
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [LoggerModule.forRoot(params), MetricsModule.register({ metrics: components.metrics, token: config.metricsToken }), definition.module(components, config)],
    providers: [{ provide: SERVICE_STOP, useValue: stop }, ServiceLifecycle],
  };
  // abortOnError false: a wiring error must reach the caller (main exits, a test fails), not call process.exit.
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true, bodyParser: definition.bodyParser ?? true, abortOnError: false });
  try {
    app.useLogger(app.get(Logger));
    app.disable('x-powered-by');
    // Timing first, so that what a middleware refuses before Nest's routing is counted too.
    timeHttpRequests(app, components.metrics);
    // HTTP errors as problem+json; the Kafka handlers carry their own filter (inheritAppConfig false).
    app.useGlobalFilters(new ProblemDetailsFilter());
    definition.configureHttp?.(app, components, config);
    await definition.prepare(components, config);
    if (components.eventServer) app.connectMicroservice({ strategy: components.eventServer }, { inheritAppConfig: false });
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    components,
    start: async () => {
      definition.beforeStart?.(components);
      await app.startAllMicroservices();
      await app.listen(config.http.port, config.http.host);
      return app.getUrl();
    },
  };
}
