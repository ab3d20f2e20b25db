import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { TimerComponents } from '../timer.components';
import { TIMER } from '../timer.tokens';

type Check = 'up' | 'down';

/** `live` fails only when a restart is the cure; `ready` when the timer cannot do its work now. */
@Controller('health')
export class HealthController {
  constructor(@Inject(TIMER) private readonly timer: TimerComponents) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  ready() {
    const stuck = this.timer.eventServer.stuckPartitions();
    const rebuilding = this.timer.owner.unavailable();
    const checks: Record<string, Check> = {
      consumer: this.timer.eventServer.healthy && stuck.length === 0 ? 'up' : 'down',
      producer: this.timer.publisher.isConnected ? 'up' : 'down',
      redis: this.timer.redis.status === 'ready' ? 'up' : 'down',
      timers: this.timer.workers.healthy ? 'up' : 'down',
      state: rebuilding.length === 0 ? 'up' : 'down',
    };
    // `status: 'ready'` as before; the checks and the partitions owned are added.
    const body = { status: 'ready', checks, partitions: this.timer.owner.partitions(), ...(stuck.length > 0 ? { stuckPartitions: stuck } : {}), ...(rebuilding.length > 0 ? { rebuildingPartitions: rebuilding } : {}) };
    if (Object.values(checks).some((c) => c === 'down')) throw new ServiceUnavailableException({ ...body, status: 'unavailable' });
    return body;
  }
}
