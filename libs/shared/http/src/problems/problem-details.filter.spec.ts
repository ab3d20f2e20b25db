import { Body, Controller, ForbiddenException, Get, Module, NotFoundException, Param, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useJsonBody } from './json-body';
import { PROBLEM_TYPES, unavailableProblem, validationProblem } from './problem';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): unknown {
    if (Array.isArray(body)) throw validationProblem('1 invalid field', [{ field: '[0].name', message: 'is required' }]);
    return body;
  }

  @Get('busy')
  busy(): never {
    throw unavailableProblem('the broker is not reachable', 7);
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenException('not yours');
  }

  @Get('missing/:name')
  missing(@Param('name') name: string): never {
    throw new NotFoundException(`no thing ${name}`);
  }

  @Get('broken')
  broken(): never {
    throw new Error('password=hunter2 in /srv/app/secret.ts');
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ThingsModule {}

describe('problem details for every error', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const express = await NestFactory.create<NestExpressApplication>(ThingsModule, { bodyParser: false, logger: false, abortOnError: false });
    useJsonBody(express, { limit: 64 });
    await express.listen(0, '127.0.0.1');
    app = express;
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${url}${path}`, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };
  const post = (body: string) => call('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('renders a thrown problem with its type, field errors and the request path', async () => {
    const answer = await post('[{}]');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toEqual({
      type: PROBLEM_TYPES.validation,
      title: 'Invalid request',
      status: 400,
      detail: '1 invalid field',
      instance: '/things',
      errors: [{ field: '[0].name', message: 'is required' }],
    });
  });

  it('keeps the headers of a problem: Retry-After on 503', async () => {
    const answer = await call('/things/busy?token=abc');
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.unavailable, instance: '/things/busy' });
  });

  it("renders Nest's own exceptions and unknown routes as about:blank with the status's title", async () => {
    expect((await call('/things/forbidden')).body).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'not yours',
      instance: '/things/forbidden',
    });
    expect((await call('/nowhere')).body).toMatchObject({ type: 'about:blank', status: 404, title: 'Not Found' });
  });

  it('echoes no more than 256 printable characters of the path or of an id taken from it', async () => {
    const long = await call(`/nowhere/${'a'.repeat(5_000)}`);
    expect(long.status).toBe(404);
    expect(long.body.instance).toBe(`/nowhere/${'a'.repeat(246)}…`);
    expect((long.body.detail as string).length).toBeLessThanOrEqual(256);
    const nul = await call('/things/missing/a%00b%1B%5B31m');
    expect(nul.body).toMatchObject({ status: 404, detail: 'no thing a\uFFFDb\uFFFD[31m' });
  });

  it('answers an unexpected error with a 500 that leaks nothing of it', async () => {
    const answer = await call('/things/broken');
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(JSON.stringify(answer.body)).not.toMatch(/hunter2|secret\.ts/);
  });

  it('answers invalid JSON with 400 naming the body, without quoting it', async () => {
    const answer = await post('{"name": patient-name');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.validation, errors: [{ field: '(body)', message: 'is not valid JSON' }] });
    expect(JSON.stringify(answer.body)).not.toContain('patient-name');
  });

  it('answers a body over the limit with 413', async () => {
    const answer = await post(JSON.stringify({ name: 'x'.repeat(100) }));
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.payloadTooLarge, status: 413, instance: '/things' });
  });

  it('passes a body within the limit through', async () => {
    expect(await post('{"name":"ok"}')).toMatchObject({ status: 201, body: { name: 'ok' } });
  });
});
