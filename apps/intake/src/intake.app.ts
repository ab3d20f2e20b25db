import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ALL_TENANTS, ApiAdmission, apiKeyMiddleware, useJsonBody, timeHttpRequests } from '@stageplus/http';
import { ServiceMetrics } from '@stageplus/metrics';
import { Connectors } from '@stageplus/sla-connectors';
import { Logger } from 'nestjs-pino';
import type { IntakeConfig } from './intake.config';
import { IntakeModule } from './intake.module';
import { bodyLimitBytes, readRawBody } from './webhooks/raw-body';
import { webhookCredentials, webhookSignatureCheck } from './webhooks/webhook-admission';

/**
 * The intake HTTP app, initialised and not yet listening: `await app.listen(config.port,
 * config.host)`, or `listen(0, '127.0.0.1')` in tests. Initialising connects the Kafka producer,
 * waiting up to 2 s for it; if Kafka is down the app starts anyway, not ready, and keeps trying.
 * `app.close()` stops HTTP, then disconnects the producer.
 */
export async function createIntakeApp(config: IntakeConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(IntakeModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
    // A wiring error must reach the caller (main exits, a test fails), not call process.exit.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Timing first, so that the refusals below are counted too.
  timeHttpRequests(app, app.get(ServiceMetrics));
  // The key first: a request without a valid key, or over its rate, is refused unread.
  app.use('/v1/events', apiKeyMiddleware(app.get(ApiAdmission), 'write'));
  // Webhooks: credentials before the body; signatures are computed on the raw body, which the
  // mapping then parses itself (the JSON parser below skips a body already read).
  const connectors = app.get(Connectors);
  app.use('/v1/webhooks', webhookCredentials(app.get(ApiAdmission), connectors));
  app.use('/v1/webhooks', readRawBody(bodyLimitBytes(config.bodyLimit)));
  app.use('/v1/webhooks', webhookSignatureCheck(app.get(ApiAdmission), connectors));
  useJsonBody(app, { limit: config.bodyLimit });
  if (config.apiKeys.some((key) => key.tenants.includes(ALL_TENANTS))) {
    new NestLogger('intake').warn('INTAKE_DEV_API_KEY is set: a development API key may post for every tenant. Never in production.');
  }
  await app.init();
  return app;
}
