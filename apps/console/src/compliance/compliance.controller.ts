import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { forbiddenTenantProblem, mayActFor, validationProblem } from '@stageplus/http';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CurrentViewer, ViewerGuard, type Viewer } from '../session/viewer.guard';
import { complianceRows } from './compliance';
import { OutcomeStore } from './outcome-store';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const complianceQuery = z.object({
  tenant: z.string().regex(/^[A-Za-z0-9._:@/-]{1,128}$/).optional(),
  from: month.optional(),
  to: month.optional(),
});

/**
 * `GET /v1/compliance?tenant=&from=YYYY-MM&to=YYYY-MM`: met and breached clocks per establishment,
 * priority and local month, from the outcomes of closed tickets. Default: the last six months.
 * Without `tenant`, every establishment the key may read.
 */
@Controller('v1/compliance')
@UseGuards(ViewerGuard)
export class ComplianceController {
  constructor(@Inject(OutcomeStore) private readonly outcomes: OutcomeStore) {}

  @Get()
  read(@CurrentViewer() viewer: Viewer, @Query() query: Record<string, unknown>) {
    const parsed = complianceQuery.safeParse(query);
    if (!parsed.success) {
      throw validationProblem('invalid compliance query', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })));
    }
    const { tenant } = parsed.data;
    if (tenant !== undefined && !mayActFor(viewer.principal, tenant)) throw forbiddenTenantProblem(viewer.principal.id, [tenant]);
    const now = DateTime.utc();
    const to = parsed.data.to ?? now.toFormat('yyyy-MM');
    const from = parsed.data.from ?? now.minus({ months: 5 }).toFormat('yyyy-MM');
    if (from > to) throw validationProblem('from is after to', [{ field: 'from', message: 'must not be after to' }]);
    const includes = (tenantId: string) => mayActFor(viewer.principal, tenantId) && (tenant === undefined || tenantId === tenant);
    return { tenant: tenant ?? null, from, to, outcomes: this.outcomes.size, rows: complianceRows(this.outcomes.all(), { from, to, includes }) };
  }
}
