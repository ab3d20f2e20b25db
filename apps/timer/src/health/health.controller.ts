import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { TimerRuntime } from '../timer.runtime';

@Controller('health')
export class HealthController {
  constructor(@Inject(TimerRuntime) private readonly runtime: TimerRuntime) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  ready() {
    if (!this.runtime.ready) throw new ServiceUnavailableException('Kafka producer, Redis or the threshold worker is not ready');
    return { status: 'ready' };
  }
}
