import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { IDENTIFIER_PATTERN } from '@stageplus/contracts';
import { ALL_TENANTS, forbiddenTenantProblem, mayActFor, validationProblem } from '@stageplus/http';
import { z } from 'zod';
import { CurrentViewer, ViewerGuard, type Viewer } from '../session/viewer.guard';
import { TenantDirectory } from '../tenants/tenant-directory';
import { TimerClient } from './timer-client';

const boardQuery = z.object({
  state: z.enum(['running', 'paused']).default('running'),
  tenant: z.string().regex(IDENTIFIER_PATTERN).optional(),
  cursor: z.string().min(1).max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

interface BoardPage {
  readonly asOf: string;
  readonly items: readonly { readonly tenantId: string }[];
  readonly nextCursor: string | null;
}

/**
 * `GET /v1/board`: open tickets by time to their next threshold, from the timer's ticket query
 * (`state=running`, or `paused` for the ones set apart), one page at a time, each with its
 * establishment's zone. An all-tenants key may omit `tenant`; a key bound to several tenants names one.
 */
@Controller('v1/board')
@UseGuards(ViewerGuard)
export class BoardController {
  constructor(
    @Inject(TimerClient) private readonly timer: TimerClient,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
  ) {}

  @Get()
  async page(@CurrentViewer() viewer: Viewer, @Query() query: Record<string, unknown>) {
    const parsed = boardQuery.safeParse(query);
    if (!parsed.success) {
      throw validationProblem('invalid board query', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })));
    }
    const { state, cursor } = parsed.data;
    const limit = String(parsed.data.limit);
    const { principal, apiKey } = viewer;
    const tenant = parsed.data.tenant ?? (principal.tenants.length === 1 && principal.tenants[0] !== ALL_TENANTS ? principal.tenants[0] : undefined);
    if (tenant !== undefined && !mayActFor(principal, tenant)) throw forbiddenTenantProblem(principal.id, [tenant]);
    let page: BoardPage;
    if (principal.tenants.includes(ALL_TENANTS)) {
      page = (await this.timer.get('/v1/tickets', apiKey, { state, tenant, cursor, limit })) as BoardPage;
    } else if (tenant !== undefined) {
      page = (await this.timer.get(`/v1/tenants/${encodeURIComponent(tenant)}/tickets`, apiKey, { state, cursor, limit })) as BoardPage;
    } else {
      throw validationProblem('this key reads several establishments: name one', [{ field: 'tenant', message: 'is required' }]);
    }
    const registry = this.tenants.inForce();
    return { ...page, items: page.items.map((item) => ({ ...item, timeZone: registry.zoneOf(item.tenantId) })) };
  }
}
