import { Module, type DynamicModule } from '@nestjs/common';
import { z } from 'zod';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { METRICS_OPTIONS, MetricsController, type MetricsOptions } from './metrics.controller';
import { ServiceMetrics } from '@stageplus/metrics';

/**
 * `GET /metrics`, in one import:
 * `imports: [MetricsModule.register({ metrics: new ServiceMetrics('console'), token: config.METRICS_TOKEN })]`.
 * The `ServiceMetrics` is exported, so the app's providers can count with it. Requests are timed
 * by `timeHttpRequests`, which each app calls once.
 */
@Module({})
export class MetricsModule {
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
}

/**
 * Times every request of the app, by method, route template and status: call it once, right after
 * `NestFactory.create` and before any `app.use`, so that what an Express middleware refuses before
 * Nest's routing (an API key, a body parser) is counted too.
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
