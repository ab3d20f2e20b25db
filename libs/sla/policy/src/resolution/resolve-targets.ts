import type { Level, Plan, Priority } from '@stageplus/contracts';
import type { Calendar } from '@stageplus/sla-calendar';
import { PolicyError } from '../policy-error';
import type { ClockTarget, ResolvedTargets, SlaPolicy, TenantEntry } from '../policy';
import { BUSINESS_CALENDAR_ID, isLevel } from '../policy-values';

/** What a ticket's targets depend on. */
export interface TargetQuery {
  readonly tenantId: string;
  readonly impact: Level;
  readonly urgency: Level;
  /** Use this plan instead of the tenant's (what-if questions: "and on PLUS?"). */
  readonly plan?: Plan;
}

/**
 * The priority the contract's matrix gives an impact and an urgency.
 *
 * @throws PolicyError `POLICY.INVALID_LEVEL` when either is not 1..4 (they come from upstream).
 */
export function priorityOf(policy: SlaPolicy, impact: Level, urgency: Level): Priority {
  if (!isLevel(impact) || !isLevel(urgency)) {
    throw new PolicyError('POLICY.INVALID_LEVEL', `impact ${impact} and urgency ${urgency} must both be 1, 2, 3 or 4`);
  }
  return policy.matrix[impact][urgency];
}

/**
 * Priority, plan and, per clock, the target and calendar that apply to a ticket.
 *
 * Plan: `query.plan`, else the tenant's in the registry, else the policy's `defaultPlan`.
 * Calendar: the target's, except that a tenant's own calendar replaces `business` (a 24x7
 * target stays 24x7); the returned target names the calendar actually used.
 *
 * @throws PolicyError `POLICY.UNKNOWN_TENANT` for a tenant missing from the registry when the
 * policy has no `defaultPlan`, even with a plan override: an unregistered tenant is more often
 * a typo than a customer.
 */
export function resolveTargets(policy: SlaPolicy, query: TargetQuery): ResolvedTargets {
  const priority = priorityOf(policy, query.impact, query.urgency);
  const tenant = policy.tenants.get(query.tenantId);
  const plan = planOf(policy, query, tenant);
  const targets = policy.targets[plan][priority];
  return {
    priority,
    plan,
    response: applyTenantCalendar(policy, targets.response, tenant),
    resolution: applyTenantCalendar(policy, targets.resolution, tenant),
  };
}

/** True when `status` pauses the resolution clock. */
export function isPauseStatus(policy: SlaPolicy, status: string | undefined): boolean {
  return status !== undefined && policy.pauseStatuses.includes(status);
}

function planOf(policy: SlaPolicy, query: TargetQuery, tenant: TenantEntry | undefined): Plan {
  if (tenant === undefined && policy.defaultPlan === undefined) {
    throw new PolicyError(
      'POLICY.UNKNOWN_TENANT',
      `Tenant "${query.tenantId}" is not in the registry of policy ${policy.version} (${policy.source}), which has no defaultPlan`,
    );
  }
  return query.plan ?? tenant?.plan ?? (policy.defaultPlan as Plan);
}

function applyTenantCalendar(
  policy: SlaPolicy,
  target: ClockTarget,
  tenant: TenantEntry | undefined,
): { readonly target: ClockTarget; readonly calendar: Calendar } {
  const calendarId = target.calendarId === BUSINESS_CALENDAR_ID && tenant?.calendarId ? tenant.calendarId : target.calendarId;
  const calendar = policy.calendars.get(calendarId);
  if (calendar === undefined) {
    throw new PolicyError('POLICY.UNKNOWN_CALENDAR', `Policy ${policy.version} (${policy.source}) has no calendar "${calendarId}"`);
  }
  return { target: calendarId === target.calendarId ? target : { ...target, calendarId }, calendar };
}
