import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServiceApp, useJsonBody, type ServiceApp, type ServiceDefinition } from '@stageplus/http';
import { dirname, join } from 'node:path';
import { buildConsole, prepareConsole, stopConsole, type ConsoleComponents } from './console.components';
import type { ConsoleConfig } from './console.config';
import { ConsoleModule } from './console.module';

/** The page, its styles and modules: served as they are, no build step. */
const PUBLIC_DIR = join(__dirname, '../public');
/** Chart.js's browser bundle, from node_modules (its package exports hide the path from require). */
const CHART_DIR = dirname(require.resolve('chart.js'));

/**
 * Scripts and styles only from the console itself, no frames: what a page showing hospitals'
 * tickets should allow, and a second wall should an injection ever slip through the escaping.
 */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The console on the service skeleton: the page, its API, the SLA topics and policy history followed. */
export const consoleService: ServiceDefinition<ConsoleConfig, ConsoleComponents> = {
  name: 'console',
  build: (config, logger) => buildConsole(config, logger),
  module: (components) => ConsoleModule.register(components),
  prepare: prepareConsole,
  stop: stopConsole,
  bodyParser: false,
  configureHttp: (app: NestExpressApplication) => {
    app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Referrer-Policy', 'no-referrer');
      next();
    });
    useJsonBody(app, { limit: '16kb' });
    app.useStaticAssets(CHART_DIR, { prefix: '/vendor/chart.js/', index: false });
    app.useStaticAssets(PUBLIC_DIR, { index: 'index.html' });
  },
};

/** The console prepared (policy history read, SLA topics followed), not yet listening: `start()`. */
export const createConsoleApp = (config: ConsoleConfig): Promise<ServiceApp<ConsoleComponents>> => createServiceApp(consoleService, config);
