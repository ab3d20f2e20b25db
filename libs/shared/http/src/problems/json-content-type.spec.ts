import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { request as httpRequest } from 'node:http';
import { useJsonBody } from './json-body';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): unknown {
    return { received: body ?? null };
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ThingsModule {}

describe('the media type of a JSON body', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    const express = await NestFactory.create<NestExpressApplication>(ThingsModule, { bodyParser: false, logger: false, abortOnError: false });
    useJsonBody(express, { limit: 1024 });
    await express.listen(0, '127.0.0.1');
    app = express;
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  const post = async (contentType: string, body = '{"name":"ok"}') => {
    const response = await fetch(`${url}/things`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  };

  /** fetch names a string body text/plain: node:http sends one without any Content-Type. */
  const postWithoutContentType = (body: string) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const request = httpRequest(`${url}/things`, { method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      });
      request.on('error', reject);
      request.end(body);
    });

  it.each(['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/vnd.api+json', 'application/xml'])(
    'refuses a body sent as %s with 415 problem+json, echoing nothing of it',
    async (contentType) => {
      const answer = await post(contentType, '{"name":"Mme Tremblay"}');
      expect(answer.status).toBe(415);
      expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
      expect(answer.body).toEqual({
        type: 'about:blank',
        title: 'Unsupported Media Type',
        status: 415,
        detail: 'the request body was sent as another media type; send it as application/json',
        instance: '/things',
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/Tremblay|text\/plain|xml/);
    },
  );

  it('refuses a body sent without a Content-Type with 415', async () => {
    const answer = await postWithoutContentType('{"name":"ok"}');
    expect(answer).toMatchObject({ status: 415, body: { detail: 'the request body was sent without a Content-Type; send it as application/json' } });
  });

  it('leaves an unsupported charset to the parser, which also answers 415', async () => {
    expect((await post('application/json; charset=latin1')).status).toBe(415);
  });

  it('reads application/json, with or without a utf-8 charset', async () => {
    expect(await post('application/json')).toMatchObject({ status: 201, body: { received: { name: 'ok' } } });
    expect(await post('application/json; charset=utf-8')).toMatchObject({ status: 201, body: { received: { name: 'ok' } } });
  });
});
