import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { explanationToJson } from '@stageplus/sla-engine';
import { TimerRuntime } from '../../timer.runtime';

/** The current clocks of a ticket, with deadlines, remaining business time and the explanation segments. */
@Controller('v1/tenants/:tenantId/tickets/:ticketId/sla')
export class TicketSlaController {
  constructor(@Inject(TimerRuntime) private readonly runtime: TimerRuntime) {}

  @Get()
  async read(@Param('tenantId') tenantId: string, @Param('ticketId') ticketId: string) {
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
