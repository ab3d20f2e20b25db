import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ALL_TENANTS, ApiKeyGuard, CurrentPrincipal, forbiddenTenantProblem, mayActFor, unavailableProblem, type ApiKeyPrincipal } from '@stageplus/http';
import { CLOCK_READS, PARTITION_STATES, POLICY_HISTORY, TICKET_PARTITIONS } from '../../timer.tokens';
import type { ClockReads } from '../clock-reads';
import type { PolicyHistorySource } from '../follow-policy/followed-policies';
import type { RebuildingPartitions } from '../ownership/ownership-ports';
import type { TicketPartitioning } from '../ticket-partitions';
import { encodeCursor, parseAtRiskRequest } from './at-risk.request';
import { atRiskItem } from './at-risk.item';

/**
 * The at-risk board: open tickets by the instant of their next threshold (`state=running`) or,
 * apart, by the start of their pause (`state=paused`), with remaining business time. Any member
 * answers for every partition: all of them live in the same Redis.
 */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class AtRiskController {
  constructor(
    @Inject(CLOCK_READS) private readonly store: ClockReads,
    @Inject(TICKET_PARTITIONS) private readonly partitions: TicketPartitioning,
    @Inject(PARTITION_STATES) private readonly owner: RebuildingPartitions,
    @Inject(POLICY_HISTORY) private readonly policies: PolicyHistorySource,
  ) {}

  @Get('tenants/:tenantId/tickets')
  forTenant(@CurrentPrincipal() principal: ApiKeyPrincipal, @Param('tenantId') tenantId: string, @Query() query: Record<string, unknown>) {
    if (!mayActFor(principal, tenantId)) throw forbiddenTenantProblem(principal.id, [tenantId]);
    return this.page(query, tenantId);
  }

  /** Every tenant's board, for keys valid for all tenants; `tenant=` narrows it to one. */
  @Get('tickets')
  forAll(@CurrentPrincipal() principal: ApiKeyPrincipal, @Query() query: Record<string, unknown>) {
    const tenant = typeof query.tenant === 'string' && query.tenant !== '' ? query.tenant : undefined;
    if (tenant === undefined ? !principal.tenants.includes(ALL_TENANTS) : !mayActFor(principal, tenant)) {
      throw forbiddenTenantProblem(principal.id, [tenant ?? ALL_TENANTS]);
    }
    return this.page(query, tenant);
  }

  private async page(query: Record<string, unknown>, tenantId: string | undefined) {
    const request = parseAtRiskRequest(query);
    // A partition being rebuilt has an incomplete index: a board missing tickets would mislead.
    if (this.owner.unavailable().length > 0) {
      throw unavailableProblem('some clocks are being rebuilt from the changelog; ask again shortly', 2);
    }
    const now = Date.now();
    // One more than asked: whether there is a next page.
    const entries = await this.store.board({
      index: request.state === 'running' ? 'due' : 'paused',
      partitions: this.partitions.all(),
      tenantId,
      after: request.after,
      limit: request.limit + 1,
    });
    const page = entries.slice(0, request.limit);
    const items = page.flatMap((e) => atRiskItem(e.record, request.state, { history: this.policies.history }, now) ?? []);
    const nextCursor = entries.length > request.limit ? encodeCursor(page[page.length - 1].position) : null;
    return { asOf: new Date(now).toISOString(), items, nextCursor };
  }
}
