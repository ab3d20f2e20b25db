import { Body, Controller, HttpCode, HttpStatus, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentPrincipal, type ApiKeyPrincipal } from '@stageplus/http';
import { IngestEventsService, type IngestReceipt } from './ingest-events.service';

/** `POST /v1/events`: one ticket event or an array of up to 1,000, all or nothing. */
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class IngestEventsController {
  constructor(@Inject(IngestEventsService) private readonly ingestEvents: IngestEventsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  ingest(@Body() body: unknown, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<IngestReceipt> {
    return this.ingestEvents.ingest(body, principal);
  }
}
