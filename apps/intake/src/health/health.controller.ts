import { Controller, Get, Inject } from '@nestjs/common';
import { unavailableProblem } from '@stageplus/http';
import { ProducerConnection } from '../kafka/producer-connection';

/**
 * Liveness says the process answers (restart it if not); readiness says it can accept events,
 * i.e. the producer is connected (route no traffic to it if not).
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(ProducerConnection) private readonly connection: ProducerConnection) {}

  @Get('live')
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  ready(): { status: 'ready' } {
    if (!this.connection.isConnected) throw unavailableProblem('the Kafka producer is not connected');
    return { status: 'ready' };
  }
}
