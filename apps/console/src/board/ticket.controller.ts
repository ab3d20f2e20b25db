import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { forbiddenTenantProblem, mayActFor } from '@stageplus/http';
import { CurrentViewer, ViewerGuard, type Viewer } from '../session/viewer.guard';
import { TenantDirectory } from '../tenants/tenant-directory';
import { TimerClient } from './timer-client';

/**
 * `GET /v1/tenants/{tenantId}/tickets/{ticketId}`: the timer's explanation of a ticket's clocks
 * (segments, thresholds, what fired, the history when the timer gives it), with the zone its
 * establishment reads time in.
 */
@Controller('v1/tenants/:tenantId/tickets/:ticketId')
@UseGuards(ViewerGuard)
export class TicketController {
  constructor(
    @Inject(TimerClient) private readonly timer: TimerClient,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
  ) {}

  @Get()
  async read(@CurrentViewer() viewer: Viewer, @Param('tenantId') tenantId: string, @Param('ticketId') ticketId: string) {
    if (!mayActFor(viewer.principal, tenantId)) throw forbiddenTenantProblem(viewer.principal.id, [tenantId]);
    const path = `/v1/tenants/${encodeURIComponent(tenantId)}/tickets/${encodeURIComponent(ticketId)}/sla`;
    const sla = (await this.timer.get(path, viewer.apiKey)) as Record<string, unknown>;
    const tenant = this.tenants.inForce().info(tenantId);
    return { ...sla, timeZone: tenant.timeZone, tenant };
  }
}
