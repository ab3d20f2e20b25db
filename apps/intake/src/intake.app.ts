import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ALL_TENANTS, apiKeyMiddleware, createServiceApp, useJsonBody, type ServiceApp, type ServiceDefinition } from '@stageplus/http';
import { buildIntake, prepareIntake, stopIntake, type IntakeComponents } from './intake.components';
import type { IntakeConfig } from './intake.config';
import { IntakeModule } from './intake.module';
import { SERVICE_NAME } from './intake.tokens';
import { bodyLimitBytes, readRawBody } from './webhooks/raw-body';
import { webhookCredentials, webhookSignatureCheck } from './webhooks/webhook-admission';

/**
 * Intake on the service skeleton: `POST /v1/events` and `POST /v1/webhooks/{source}` to
 * `tickets.events`. The doors are Express middlewares, mounted before Nest routes, so that what
 * they refuse is refused unread; they mount their own body parsers (Nest's is off).
 */
export const intakeService: ServiceDefinition<IntakeConfig, IntakeComponents> = {
  name: SERVICE_NAME,
  build: buildIntake,
  module: (components) => IntakeModule.register(components),
  prepare: prepareIntake,
  stop: stopIntake,
  bodyParser: false,
  configureHttp: (app: NestExpressApplication, c, config) => {
    // The key first: a request without a valid key, or over its rate, is refused unread.
    app.use('/v1/events', apiKeyMiddleware(c.admission, 'write'));
    // Webhooks: credentials before the body; signatures are computed on the raw body, which the
    // mapping then parses itself (the JSON parser below skips a body already read).
    app.use('/v1/webhooks', webhookCredentials(c.admission, c.connectors));
    app.use('/v1/webhooks', readRawBody(bodyLimitBytes(config.bodyLimit)));
    app.use('/v1/webhooks', webhookSignatureCheck(c.admission, c.connectors));
    useJsonBody(app, { limit: config.bodyLimit });
    if (config.apiKeys.some((key) => key.tenants.includes(ALL_TENANTS))) {
      new Logger(SERVICE_NAME).warn('INTAKE_DEV_API_KEY is set: a development API key may post for every tenant. Never in production.');
    }
  },
};

/**
 * Intake prepared, not yet listening: `start()`. Preparing connects the Kafka producer, waiting
 * up to 2 s for it; if Kafka is down the app starts anyway, not ready, and keeps trying. Closing
 * stops HTTP, then disconnects the producer.
 */
export const createIntakeApp = (config: IntakeConfig): Promise<ServiceApp<IntakeComponents>> => createServiceApp(intakeService, config);
