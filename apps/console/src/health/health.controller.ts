import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { SlaTopicsConsumer } from '../feed/sla-topics.consumer';

/** `live` fails only when a restart is the cure; `ready` while the console cannot follow the SLA topics. */
@Controller('health')
export class HealthController {
  constructor(@Inject(SlaTopicsConsumer) private readonly consumer: SlaTopicsConsumer) {}

  @Get('live')
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  ready() {
    const checks = { consumer: this.consumer.healthy ? 'up' : 'down' };
    if (checks.consumer === 'down') throw new ServiceUnavailableException({ status: 'unavailable', checks });
    return { status: 'ready', checks };
  }
}
