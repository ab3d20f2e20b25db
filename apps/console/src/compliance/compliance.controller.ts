import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { IDENTIFIER_PATTERN } from '@stageplus/contracts';
import { forbiddenTenantProblem, mayActFor, validationProblem } from '@stageplus/http';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CurrentViewer, ViewerGuard, type Viewer } from '../session/viewer.guard';
import { ReportError } from '@stageplus/sla-reporting';
import { complianceOf } from './compliance';
import { OutcomeStore } from './outcome-store';

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/, 'must be a month YYYY-MM or a date YYYY-MM-DD');
const complianceQuery = z.object({
  tenant: z.string().regex(IDENTIFIER_PATTERN).optional(),
  from: day.optional(),
  to: day.optional(),
});

/**
 * `GET /v1/compliance?tenant=&from=&to=`: met and breached clocks per establishment, priority,
 * clock and local month, from the outcomes of closed tickets. `from`/`to` are local dates of
 * closing or whole months (`2026-06` is June 1 to 30); default the last six months, this one
 * included. Without `tenant`, every establishment the key may read.
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
    const from = firstDay(parsed.data.from ?? now.minus({ months: 5 }).toFormat('yyyy-MM'));
    const to = lastDay(parsed.data.to ?? now.toFormat('yyyy-MM'));
    if (from > to) throw validationProblem('from is after to', [{ field: 'from', message: 'must not be after to' }]);
    let report;
    try {
      report = complianceOf(this.outcomes.all(), { tenant: tenant ?? null, from, to, includes: (t) => mayActFor(viewer.principal, t) });
    } catch (error) {
      if (error instanceof ReportError) throw validationProblem(error.message, [{ field: error.message.split(' ')[0], message: error.message }]);
      throw error;
    }
    return { tenant: tenant ?? null, from, to, tickets: report.tickets, rows: report.rows };
  }
}

const firstDay = (value: string): string => (value.length === 7 ? `${value}-01` : value);
const lastDay = (value: string): string =>
  value.length === 7 ? (DateTime.fromFormat(value, 'yyyy-MM').endOf('month').toISODate() as string) : value;
