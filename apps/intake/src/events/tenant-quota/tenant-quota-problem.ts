import { HttpStatus } from '@nestjs/common';
import { PROBLEM_TYPES, ProblemException, rateLimitHeaders } from '@stageplus/http';
import type { QuotaRefusal } from './tenant-event-quota';

/**
 * 429 `RATE_LIMIT.TENANT_EVENTS`: the batch would take a tenant past its events per second;
 * nothing was accepted. Each refused tenant is named on its first event's `tenantId`, with its
 * quota; `Retry-After` is when every one of them can take its events again (whole seconds, ≥ 1).
 */
export function tenantQuotaProblem(refusals: readonly QuotaRefusal[], batch: boolean): ProblemException {
  const retryAfterMs = Math.max(...refusals.map((r) => r.retryAfterMs));
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const tenants = refusals.map((r) => `"${r.tenantId}"`).join(', ');
  const errors = refusals.map((r) => ({
    field: batch ? `[${r.index}].tenantId` : 'tenantId',
    message: `tenant "${r.tenantId}" is over its quota of ${r.rate.perSecond} events/s (burst ${r.rate.burst}): retry after ${seconds} s`,
  }));
  const limit = Math.min(...refusals.map((r) => r.rate.burst));
  return new ProblemException(
    {
      type: PROBLEM_TYPES.rateLimited,
      title: 'Too many events',
      status: HttpStatus.TOO_MANY_REQUESTS,
      detail: `more events for tenant${refusals.length > 1 ? 's' : ''} ${tenants} than the quota allows; nothing was accepted: retry after ${seconds} s`,
      code: 'RATE_LIMIT.TENANT_EVENTS',
      errors,
    },
    { 'Retry-After': String(seconds), ...rateLimitHeaders(limit, 0, seconds) },
  );
}
