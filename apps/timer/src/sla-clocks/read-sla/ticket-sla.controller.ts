import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentPrincipal, forbiddenTenantProblem, mayActFor, type ApiKeyPrincipal } from '@stageplus/http';
import { explanationToJson } from '@stageplus/sla-engine';
import { TimerRuntime } from '../../timer.runtime';

/** The current clocks of a ticket, with deadlines, remaining business time and the explanation segments. */
@Controller('v1/tenants/:tenantId/tickets/:ticketId/sla')
@UseGuards(ApiKeyGuard)
export class TicketSlaController {
  constructor(@Inject(TimerRuntime) private readonly runtime: TimerRuntime) {}

  @Get()
  async read(
    @CurrentPrincipal() principal: ApiKeyPrincipal,
    @Param('tenantId') tenantId: string,
    @Param('ticketId') ticketId: string,
  ) {
    if (!mayActFor(principal, tenantId)) throw forbiddenTenantProblem(principal.id, [tenantId]);
    const now = Date.now();
    const found = await this.runtime.clocks.explain({ tenantId, ticketId }, now);
    if (found === null) throw new NotFoundException(`no opened ticket ${ticketId} for tenant ${tenantId}`);
    return {
      asOf: new Date(now).toISOString(),
      ...explanationToJson(found.explanation),
      fired: found.fired,
      scheduled: Object.entries(found.scheduled).map(([threshold, job]) => ({
        threshold,
        at: new Date(job.at).toISOString(),
        jobId: job.jobId,
      })),
    };
  }
}
