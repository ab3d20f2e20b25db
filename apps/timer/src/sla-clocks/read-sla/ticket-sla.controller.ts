import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentPrincipal, forbiddenTenantProblem, mayActFor, unavailableProblem, validationProblem, type ApiKeyPrincipal } from '@stageplus/http';
import { IDENTIFIER_PATTERN, ticketKey } from '@stageplus/contracts';
import { partitionOfKey } from '@stageplus/kafka';
import type { TimerComponents } from '../../timer.components';
import { TIMER } from '../../timer.tokens';
import { ticketSlaView } from './ticket-sla.view';

/** The current clocks of a ticket, with deadlines, remaining business time, thresholds and segments. */
@Controller('v1/tenants/:tenantId/tickets/:ticketId/sla')
@UseGuards(ApiKeyGuard)
export class TicketSlaController {
  constructor(@Inject(TIMER) private readonly timer: TimerComponents) {}

  @Get()
  async read(@CurrentPrincipal() principal: ApiKeyPrincipal, @Param('tenantId') tenantId: string, @Param('ticketId') ticketId: string) {
    refusePathLikeIds({ tenantId, ticketId });
    if (!mayActFor(principal, tenantId)) throw forbiddenTenantProblem(principal.id, [tenantId]);
    const partition = partitionOfKey(ticketKey(tenantId, ticketId), this.timer.partitionCount);
    if (this.timer.owner.unavailable().includes(partition)) {
      throw unavailableProblem('the clocks of this ticket are being rebuilt from the changelog; ask again shortly', 2);
    }
    const record = await this.timer.store.read(partition, { tenantId, ticketId });
    if (record === null) throw new NotFoundException(`no ticket ${ticketId} for tenant ${tenantId}`);
    const view = ticketSlaView(record, { history: this.timer.policies.history }, Date.now());
    if (view === null) {
      throw new NotFoundException(`ticket ${ticketId} of tenant ${tenantId} has ${record.events.length} event(s) but no ticket.opened yet`);
    }
    return view;
  }
}

/**
 * Ids no event can carry (`A/../../x` sent as `A%2F..%2F..%2Fx`, control characters, 5 KB) name
 * no ticket: a 400 naming the parameter says so, where a 404 would echo them back.
 */
function refusePathLikeIds(ids: { tenantId: string; ticketId: string }): void {
  const errors = Object.entries(ids)
    .filter(([, id]) => !IDENTIFIER_PATTERN.test(id))
    .map(([field]) => ({ field, message: 'must be 1-128 characters among letters, digits and ._:@- (no "/")' }));
  if (errors.length > 0) throw validationProblem(`${errors.length} invalid path parameter${errors.length > 1 ? 's' : ''}`, errors);
}
