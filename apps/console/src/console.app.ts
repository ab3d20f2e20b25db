import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { serviceLogging, useJsonBody } from '@stageplus/http';
import { ServiceMetrics, timeHttpRequests } from '@stageplus/metrics';
import { Logger } from 'nestjs-pino';
import { dirname, join } from 'node:path';
import { buildConsole, type ConsoleComponents } from './console.components';
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

/**
 * The console, initialised and following the policy history and the SLA topics, not yet listening:
 * `await app.listen(config.port, config.host)`.
 */
export async function createConsoleApp(config: ConsoleConfig): Promise<{ app: NestExpressApplication; components: ConsoleComponents }> {
  const { logger, params } = serviceLogging({ level: config.logLevel, format: config.logFormat, service: 'console' });
  const components = buildConsole(config, logger);
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.register(components, params), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Timing first, so that the body parser's refusals and the static files are counted too.
  timeHttpRequests(app, app.get(ServiceMetrics));
  app.use((_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  useJsonBody(app, { limit: '16kb' });
  app.useStaticAssets(CHART_DIR, { prefix: '/vendor/chart.js/', index: false });
  app.useStaticAssets(PUBLIC_DIR, { index: 'index.html' });
  await app.init();
  return { app, components };
}
