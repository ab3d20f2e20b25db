import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { unauthorizedProblem } from '../problems/problem';
import type { ServiceMetrics } from '@stageplus/metrics';

export const METRICS_OPTIONS = 'metrics:options';

export interface MetricsOptions {
  readonly metrics: ServiceMetrics;
  /** `METRICS_TOKEN`: when set, a scrape must send `Authorization: Bearer <token>`. */
  readonly token?: string;
}

/** `GET /metrics`: the service's registry in Prometheus text format. */
@Controller('metrics')
export class MetricsController {
  private readonly tokenDigest: Buffer | null;

  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsOptions) {
    this.tokenDigest = options.token === undefined ? null : digest(options.token);
  }

  @Get()
  async scrape(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    this.authorize(request.headers.authorization);
    const text = await this.options.metrics.scrape();
    response.statusCode = 200;
    response.setHeader('Content-Type', this.options.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.end(text);
  }

  private authorize(authorization: string | undefined): void {
    if (this.tokenDigest === null) return;
    if (authorization === undefined) throw unauthorizedProblem('a metrics token is required: Authorization: Bearer <METRICS_TOKEN>');
    const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), this.tokenDigest)) {
      throw unauthorizedProblem('the metrics token is not valid', { invalidToken: true });
    }
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
