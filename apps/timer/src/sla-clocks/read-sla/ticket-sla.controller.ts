import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentPrincipal, forbiddenTenantProblem, mayActFor, unavailableProblem, validationProblem, type ApiKeyPrincipal } from '@stageplus/http';
import { IDENTIFIER_PATTERN } from '@stageplus/contracts';
import { CLOCK_READS, PARTITION_STATES, POLICY_HISTORY, TICKET_PARTITIONS } from '../../timer.tokens';
import type { ClockReads } from '../clock-reads';
import type { PolicyHistorySource } from '../follow-policy/followed-policies';
import type { RebuildingPartitions } from '../ownership/ownership-ports';
import type { TicketPartitioning } from '../ticket-partitions';
import { ticketSlaView } from './ticket-sla.view';

/** The current clocks of a ticket, with deadlines, remaining business time, thresholds and segments. */
@Controller('v1/tenants/:tenantId/tickets/:ticketId/sla')
@UseGuards(ApiKeyGuard)
export class TicketSlaController {
  constructor(
    @Inject(CLOCK_READS) private readonly store: ClockReads,
    @Inject(TICKET_PARTITIONS) private readonly partitions: TicketPartitioning,
    @Inject(PARTITION_STATES) private readonly owner: RebuildingPartitions,
    @Inject(POLICY_HISTORY) private readonly policies: PolicyHistorySource,
  ) {}

  @Get()
  async read(@CurrentPrincipal() principal: ApiKeyPrincipal, @Param('tenantId') tenantId: string, @Param('ticketId') ticketId: string) {
    refusePathLikeIds({ tenantId, ticketId });
    if (!mayActFor(principal, tenantId)) throw forbiddenTenantProblem(principal.id, [tenantId]);
    const partition = this.partitions.of({ tenantId, ticketId });
    // Any member answers (one Redis), but not for a partition this one is rebuilding: it is incomplete.
    if (this.owner.unavailable().includes(partition)) {
      throw unavailableProblem('the clocks of this ticket are being rebuilt from the changelog; ask again shortly', 2);
    }
    const record = await this.store.read(partition, { tenantId, ticketId });
    if (record === null) throw new NotFoundException(`no ticket ${ticketId} for tenant ${tenantId}`);
    const view = ticketSlaView(record, { history: this.policies.history }, Date.now());
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
