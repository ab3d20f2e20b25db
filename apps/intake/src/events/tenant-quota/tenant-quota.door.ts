import type { IncomingMessage, ServerResponse } from 'node:http';
import { principalOf } from '@stageplus/http';
import type { TenantEventQuota } from './tenant-event-quota';
import { tenantQuotaProblem } from './tenant-quota-problem';

/**
 * After the key's door, before the body parser: a request whose key's tenants are all out of
 * events is refused unread (429 `RATE_LIMIT.TENANT_EVENTS`), as a key over its rate is. A flood
 * held at its quota would otherwise still cost a parse and a validation of every batch refused.
 * Not counted in `sla_events_in_total`: its events were never read.
 */
export function tenantQuotaDoor(quota: TenantEventQuota, clock: () => number = Date.now) {
  return (request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void => {
    const principal = principalOf(request);
    const spent = principal === undefined ? null : quota.spent(principal.tenants, clock());
    next(spent === null ? undefined : tenantQuotaProblem(spent, false));
  };
}
