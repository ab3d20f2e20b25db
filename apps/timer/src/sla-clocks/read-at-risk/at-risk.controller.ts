import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ALL_TENANTS, ApiKeyGuard, CurrentPrincipal, forbiddenTenantProblem, mayActFor, unavailableProblem, type ApiKeyPrincipal } from '@stageplus/http';
import type { TimerComponents } from '../../timer.components';
import { TIMER } from '../../timer.tokens';
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
  constructor(@Inject(TIMER) private readonly timer: TimerComponents) {}

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
    if (this.timer.owner.unavailable().length > 0) {
      throw unavailableProblem('some clocks are being rebuilt from the changelog; ask again shortly', 2);
    }
    const now = Date.now();
    const partitions = Array.from({ length: this.timer.partitionCount }, (_, p) => p);
    // One more than asked: whether there is a next page.
    const entries = await this.timer.store.board({
      index: request.state === 'running' ? 'due' : 'paused',
      partitions,
      tenantId,
      after: request.after,
      limit: request.limit + 1,
    });
    const page = entries.slice(0, request.limit);
    const items = page.flatMap((e) => atRiskItem(e.record, request.state, { history: this.timer.policies.history }, now) ?? []);
    const nextCursor = entries.length > request.limit ? encodeCursor(page[page.length - 1].position) : null;
    return { asOf: new Date(now).toISOString(), items, nextCursor };
  }
}
