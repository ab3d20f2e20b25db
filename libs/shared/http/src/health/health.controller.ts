import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HEALTH_PROBE, readyBody, type HealthProbe } from './health-probe';

/**
 * `GET /health/live` and `GET /health/ready` of every service, in one shape (see `health-probe.ts`):
 * 200 `{status: 'ready', service, checks}` or 503 `{status: 'not-ready', …}`, plain JSON (not a
 * problem: its `status` would have to be the HTTP code). No API key: orchestrators call them.
 * The module provides a {@link HealthProbe} under `HEALTH_PROBE`.
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_PROBE) private readonly probe: HealthProbe) {}

  @Get('live')
  live(@Res() response: ServerResponse): void {
    const fatal = this.probe.fatal();
    if (fatal === null) send(response, 200, { status: 'live', service: this.probe.service });
    else send(response, 503, { status: 'dead', service: this.probe.service, detail: fatal });
  }

  @Get('ready')
  async ready(@Res() response: ServerResponse): Promise<void> {
    const body = readyBody(this.probe.service, await this.probe.readiness());
    send(response, body.status === 'ready' ? 200 : 503, body);
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
}
