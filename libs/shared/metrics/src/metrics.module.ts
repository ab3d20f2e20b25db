import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { z } from 'zod';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { METRICS_OPTIONS, MetricsController, type MetricsOptions } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

/**
 * `GET /metrics` and the HTTP latency of every request, in one import:
 * `imports: [MetricsModule.register({ metrics: new ServiceMetrics('console'), token: config.METRICS_TOKEN })]`.
 * The `ServiceMetrics` is exported, so the app's providers can count with it.
 */
@Module({})
export class MetricsModule implements NestModule {
  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsOptions) {}

  static register(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: ServiceMetrics, useValue: options.metrics },
      ],
      exports: [ServiceMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware(this.options.metrics.httpDuration)).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

/**
 * Times requests from the very first middleware: call it right after `NestFactory.create`, before
 * any `app.use`, so that what an Express middleware refuses before Nest's routing (an API key, a
 * body parser) is counted too. The module's own timing then lets those requests be.
 */
export function timeHttpRequests(app: { use(handler: ReturnType<typeof httpMetricsMiddleware>): unknown }, metrics: ServiceMetrics): void {
  app.use(httpMetricsMiddleware(metrics.httpDuration));
}

/**
 * `METRICS_TOKEN` for a service's `readConfig` shape: optional (blank is unset); when set, at least
 * 16 characters, and `/metrics` asks for it as a bearer token.
 */
export const metricsToken = z
  .union([z.literal('').transform(() => undefined), z.string().min(16, 'must be at least 16 characters (or blank: no token)')])
  .optional();
