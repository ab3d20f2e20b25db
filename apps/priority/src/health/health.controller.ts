import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessProbe, type Dependency, type DependencyState } from './readiness.probe';

/** Probes for the orchestrator: `live` fails only when a restart is the cure; `ready` when any dependency is down. */
@Controller('health')
export class HealthController {
  constructor(@Inject(ReadinessProbe) private readonly probe: ReadinessProbe) {}

  @Get('live')
  live(): { status: 'ok' } {
    const fatal = this.probe.fatal;
    if (fatal !== null) throw new ServiceUnavailableException({ status: 'dead', reason: `consumer stopped: ${fatal}` });
    return { status: 'ok' };
  }

  /** 503 names what is down, and each stuck partition: a restart will not unstick it, the cause must go. */
  @Get('ready')
  ready(): { status: 'ok'; checks: Record<Dependency, DependencyState> } {
    const { checks, stuckPartitions } = this.probe.readiness();
    if (Object.values(checks).some((state) => state !== 'up')) {
      throw new ServiceUnavailableException({ status: 'unavailable', checks, ...(stuckPartitions.length > 0 ? { stuckPartitions } : {}) });
    }
    return { status: 'ok', checks };
  }
}
