import { Body, Controller, Module, Post, type INestApplication, type LoggerService } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { rememberPrincipal } from '../api-keys/request-principal';
import { useJsonBody } from './json-body';
import { validationProblem } from './problem';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): never {
    throw validationProblem('1 invalid field', [{ field: 'name', message: `is required, not ${JSON.stringify(body).length} bytes` }]);
  }
}

@Module({ controllers: [ThingsController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ThingsModule {}

/** Keeps what Nest's loggers warn. */
class WarnRecorder implements LoggerService {
  readonly warnings: Record<string, unknown>[] = [];
  log(): void {}
  error(): void {}
  warn(message: unknown): void {
    if (typeof message === 'object' && message !== null) this.warnings.push(message as Record<string, unknown>);
  }
}

describe('logging refused requests', () => {
  let app: INestApplication;
  let url: string;
  const recorder = new WarnRecorder();

  beforeAll(async () => {
    const express = await NestFactory.create<NestExpressApplication>(ThingsModule, { bodyParser: false, logger: recorder, abortOnError: false });
    // Stands in for the API key middleware: a request naming a key is admitted as that key.
    express.use((request: IncomingMessage, _response: unknown, next: () => void) => {
      const id = request.headers['x-key-id'];
      if (typeof id === 'string') rememberPrincipal(request, { id, tenants: ['*'], scopes: ['write'], expiresAt: null });
      next();
    });
    useJsonBody(express, { limit: 1024 });
    await express.listen(0, '127.0.0.1');
    app = express;
    url = await app.getUrl();
  });

  afterAll(() => app.close());

  const send = (contentType: string, body = '{"x":1}', keyId?: string) =>
    fetch(`${url}/things`, { method: 'POST', headers: { 'content-type': contentType, ...(keyId ? { 'x-key-id': keyId } : {}) }, body });

  it('writes the first ten refusals of each code a minute, with what was refused, and only counts the rest', async () => {
    for (let i = 0; i < 25; i++) expect((await send('application/json')).status).toBe(400);
    for (let i = 0; i < 12; i++) expect((await send('text/plain')).status).toBe(415);
    for (let i = 0; i < 3; i++) expect((await send('application/json', '{"x":')).status).toBe(400);

    const refused = recorder.warnings.filter((w) => w.msg === 'request refused');
    // Invalid JSON is a validation refusal too: its three come after the first ten, uncounted in lines.
    expect(refused.map((w) => w.code)).toEqual([...Array<string>(10).fill('validation'), ...Array<string>(10).fill('http-415')]);
    expect(refused[0]).toMatchObject({ method: 'POST', path: '/things', status: 400, code: 'validation', keyId: 'none', fields: ['name'] });
    expect(refused[10]).toMatchObject({ status: 415, code: 'http-415', detail: 'the request body was sent as another media type; send it as application/json' });
  });

  it("counts each API key apart: one key's flood does not hide another key's refusals", async () => {
    recorder.warnings.length = 0;
    for (let i = 0; i < 12; i++) await send('application/json', '{"x":1}', 'ticketing-chus');
    await send('application/json', '{"x":1}', 'ticketing-cusm');

    const refused = recorder.warnings.filter((w) => w.msg === 'request refused');
    expect(refused.map((w) => w.keyId)).toEqual([...Array<string>(10).fill('ticketing-chus'), 'ticketing-cusm']);
  });
});
