import type { PolicyDocument } from '../loading/policy-schema';
import type { TenantEntry } from '../policy';
import { isPlan, PLANS } from '../policy-values';
import type { IssueList } from './issue-list';
import { checkCalendarReference } from './targets';

/** The tenant registry: plan and, optionally, the tenant's own business calendar. */
export function buildTenants(
  entries: NonNullable<PolicyDocument['tenants']>,
  calendarIds: ReadonlySet<string> | undefined,
  issues: IssueList,
): Map<string, TenantEntry> | undefined {
  const tenants = new Map<string, TenantEntry>();
  let valid = true;
  for (const [id, entry] of Object.entries(entries)) {
    const at = ['tenants', id];
    const planKnown = checkPlan(entry.plan, [...at, 'plan'], issues);
    const calendarKnown = entry.calendar === undefined || checkCalendarReference(entry.calendar, [...at, 'calendar'], { calendarIds, issues });
    valid = valid && planKnown && calendarKnown;
    if (planKnown && calendarKnown) tenants.set(id, toTenantEntry(entry));
  }
  return valid ? tenants : undefined;
}

function toTenantEntry(entry: NonNullable<PolicyDocument['tenants']>[string]): TenantEntry {
  return {
    plan: entry.plan as TenantEntry['plan'],
    ...(entry.calendar !== undefined ? { calendarId: entry.calendar } : {}),
    ...(entry.name !== undefined ? { name: entry.name } : {}),
  };
}

/** True when `plan` is BASE or PLUS; reports it otherwise. */
export function checkPlan(plan: string, at: readonly (string | number)[], issues: IssueList): boolean {
  if (isPlan(plan)) return true;
  issues.add(at, 'POLICY.UNKNOWN_PLAN', `there is no plan "${plan}": plans are ${PLANS.join(' and ')}`);
  return false;
}
