import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceMetrics } from '@stageplus/metrics';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsModule, timeHttpRequests } from './metrics.module';

@Controller('v1/things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

async function serve(token?: string, guarded = false): Promise<{ app: INestApplication; url: string; metrics: ServiceMetrics }> {
  const metrics = new ServiceMetrics('demo');
  @Module({ imports: [MetricsModule.register({ metrics, token })], controllers: [ThingsController] })
  class DemoModule {}
  const app = await NestFactory.create(DemoModule, { logger: false });
  timeHttpRequests(app, metrics);
  if (guarded) {
    // As intake does: timing first, then a key check that refuses before Nest routes anything.
    app.use('/v1/things', (request: IncomingMessage, response: ServerResponse, next: () => void) => {
      if (request.headers.authorization === undefined) {
        response.statusCode = 401;
        response.end();
      } else next();
    });
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), metrics };
}

describe('GET /metrics', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  afterEach(() => served?.app.close());

  it('answers the Prometheus text format, every series labelled with the service, process metrics included', async () => {
    served = await serve();
    const answer = await fetch(`${served.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="demo"\} /m);
    expect(text).toContain('# TYPE sla_events_in_total counter');
  });

  it('times requests by route template, never by raw path, and 404s as unmatched', async () => {
    served = await serve();
    await fetch(`${served.url}/v1/things/T-1`);
    await fetch(`${served.url}/v1/things/T-2`);
    await fetch(`${served.url}/nowhere/at/all`);
    const text = await (await fetch(`${served.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_count{service="demo",method="GET",route="/v1/things/:id",status="200"} 2');
    expect(text).toContain('http_request_duration_seconds_count{service="demo",method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('T-1');
  });

  it('counts what a middleware refused before routing, and every routed request once', async () => {
    served = await serve(undefined, true);
    await fetch(`${served.url}/v1/things/T-1`);
    await fetch(`${served.url}/v1/things/T-1`, { headers: { authorization: 'Bearer k' } });
    const text = await (await fetch(`${served.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_count{service="demo",method="GET",route="unmatched",status="401"} 1');
    expect(text).toContain('http_request_duration_seconds_count{service="demo",method="GET",route="/v1/things/:id",status="200"} 1');
  });

  it('asks for the bearer token when METRICS_TOKEN is set: 401 problem without it or with another', async () => {
    served = await serve('metrics-token-0123456789');
    const none = await fetch(`${served.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${served.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    const good = await fetch(`${served.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(good.status).toBe(200);
  });
});
