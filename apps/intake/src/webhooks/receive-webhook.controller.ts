import { Controller, HttpCode, HttpStatus, Inject, Param, Post, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Source } from '@stageplus/sla-connectors';
import { webhookPrincipalOf, webhookTarget } from './webhook-admission';
import { ReceiveWebhookService, type WebhookReceipt } from './receive-webhook.service';

/**
 * `POST /v1/webhooks/{source}?tenant=<tenantId>`: a ticketing system's own webhook delivery.
 * Admission (key or signature) and the raw body are the middleware's, before Nest routes.
 */
@Controller('v1/webhooks')
export class ReceiveWebhookController {
  constructor(@Inject(ReceiveWebhookService) private readonly receiver: ReceiveWebhookService) {}

  @Post(':source')
  @HttpCode(HttpStatus.ACCEPTED)
  receive(@Param('source') source: string, @Req() request: IncomingMessage & { body?: unknown }): Promise<WebhookReceipt> {
    const principal = webhookPrincipalOf(request);
    if (principal === undefined) throw new Error('POST /v1/webhooks reached without the webhook admission middleware');
    return this.receiver.receive({
      source: source as Source,
      tenant: webhookTarget(request).tenant,
      headers: request.headers as Record<string, string | undefined>,
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      principal,
    });
  }
}
