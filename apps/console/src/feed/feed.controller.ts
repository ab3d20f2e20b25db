import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { SlaTopicEvent } from '@stageplus/contracts';
import { mayActFor } from '@stageplus/http';
import type { IncomingMessage as Request, ServerResponse as Response } from 'node:http';
import { CurrentViewer, ViewerGuard, type Viewer } from '../session/viewer.guard';
import { SlaFeed, type FeedItem } from './sla-feed';

/** Proxies close idle streams after a minute or so: a comment line well before that keeps it open. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/feed`: server-sent events of the SLA topics, limited to the viewer's tenants. First
 * the recent events (`event: sla` each, then `event: ready`), then every new one as it arrives.
 * Filters by priority, level or clock are the page's: it gets its tenants' whole stream.
 */
@Controller('v1/feed')
@UseGuards(ViewerGuard)
export class FeedController {
  constructor(@Inject(SlaFeed) private readonly feed: SlaFeed) {}

  @Get()
  stream(@CurrentViewer() viewer: Viewer, @Req() request: Request, @Res() response: Response): void {
    const visible = (event: SlaTopicEvent) => mayActFor(viewer.principal, event.tenantId);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    const send = (item: FeedItem) => response.write(`id: ${item.event.eventId}\nevent: sla\ndata: ${JSON.stringify(item)}\n\n`);
    // Subscribed before the snapshot is written: nothing that arrives in between is lost.
    const leave = this.feed.subscribe((item) => visible(item.event) && send(item));
    for (const item of this.feed.recent(visible)) send(item);
    response.write('event: ready\ndata: {}\n\n');
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    // A session ends its streams too: the page then finds itself signed out.
    const expiry = viewer.expiresAt === null ? null : setTimeout(() => response.end(), Math.max(0, viewer.expiresAt - Date.now()));
    request.on('close', () => {
      leave();
      clearInterval(heartbeat);
      if (expiry !== null) clearTimeout(expiry);
    });
  }
}
