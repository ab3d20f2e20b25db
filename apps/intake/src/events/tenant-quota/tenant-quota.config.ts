import { IDENTIFIER_PATTERN } from '@stageplus/contracts';
import type { BucketRate } from '@stageplus/http';
import { z } from 'zod';
import type { TenantEventLimits } from './tenant-event-quota';

/** A batch holds up to 1,000 events of one tenant: a smaller burst would refuse it for ever. */
const MIN_BURST = 1_000;
const perSecond = z.coerce.number().min(0, 'must be >= 0 (0 turns the limit off)').max(1_000_000, 'must be at most 1000000');
const burst = z.coerce.number().int('must be a whole number').min(MIN_BURST, `must be at least ${MIN_BURST}: a batch holds up to ${MIN_BURST} events`).max(100_000_000);

/** `tenant=perSecond[/burst]`: one override. */
const OVERRIDE = /^([^=\s]+)=(\d+(?:\.\d+)?)(?:\/(\d+))?$/;

/**
 * `INTAKE_TENANT_EVENT_LIMITS`: overrides as `tenant=perSecond[/burst],…`; a rate of 0 lifts the
 * tenant's limit (a trusted backfill, a benchmark's own tenant). Burst defaults to the standard one.
 */
const overrideList = z
  .string()
  .transform((text, ctx) => {
    const entries: { tenantId: string; perSecond: number; burst: number | undefined }[] = [];
    for (const [i, part] of text.split(',').map((p) => p.trim()).filter(Boolean).entries()) {
      const match = OVERRIDE.exec(part);
      if (match === null || !IDENTIFIER_PATTERN.test(match[1])) {
        ctx.addIssue({ code: 'custom', path: [i], message: `"${part}" is not tenant=eventsPerSecond[/burst]` });
        continue;
      }
      // The same rules as the standard rate and burst, in one place.
      const rate = perSecond.safeParse(match[2]);
      const size = match[3] === undefined ? undefined : burst.safeParse(match[3]);
      for (const failed of [rate, size]) if (failed?.success === false) ctx.addIssue({ code: 'custom', path: [i], message: `"${part}": ${failed.error.issues[0].message}` });
      if (rate.success && size?.success !== false) entries.push({ tenantId: match[1], perSecond: rate.data, burst: size?.data });
    }
    return entries;
  });

/** The variables of the per-tenant event quota, spread into intake's `readConfig` shape. */
export const tenantQuotaVariables = {
  /** Events a second each tenant may post, sustained, per instance; 0 turns the quota off. Default 1,000. */
  INTAKE_TENANT_EVENTS_PER_SECOND: perSecond.default(1_000),
  /** Events a tenant may post at once after a quiet spell. Default 10,000 (ten full batches). */
  INTAKE_TENANT_EVENTS_BURST: burst.default(10_000),
  INTAKE_TENANT_EVENT_LIMITS: overrideList.optional(),
};

type TenantQuotaVariables = z.infer<z.ZodObject<typeof tenantQuotaVariables>>;

/** The limits from the variables read with `tenantQuotaVariables`. */
export function tenantEventLimits(vars: TenantQuotaVariables): TenantEventLimits {
  const rate = (eventsPerSecond: number, eventsBurst: number): BucketRate | null =>
    eventsPerSecond > 0 ? { perSecond: eventsPerSecond, burst: eventsBurst } : null;
  const overrides = new Map<string, BucketRate | null>();
  for (const o of vars.INTAKE_TENANT_EVENT_LIMITS ?? []) overrides.set(o.tenantId, rate(o.perSecond, o.burst ?? vars.INTAKE_TENANT_EVENTS_BURST));
  return { standard: rate(vars.INTAKE_TENANT_EVENTS_PER_SECOND, vars.INTAKE_TENANT_EVENTS_BURST), overrides };
}
