import type { PolicyDocument } from '../loading/policy-schema';
import type { SlaPolicy } from '../policy';
import { DEFAULT_BUSINESS_DAY_MS, DEFAULT_PAUSE_STATUSES } from '../policy-values';
import { buildCalendars } from './calendars';
import { checkBusinessDay } from './durations';
import { isIsoDate } from './iso-date';
import type { IssueList } from './issue-list';
import { buildMatrix } from './matrix';
import { buildTargets } from './targets';
import { buildTenants, checkPlan } from './tenants';
import { buildThresholds } from './thresholds';

/**
 * The domain checks, section by section, over the sections whose shape is valid; cross-section
 * checks (calendar references) run when both sides are readable. Returns the policy only when
 * nothing at all is wrong.
 */
export function buildPolicy(sections: Partial<PolicyDocument>, source: string, issues: IssueList): SlaPolicy | undefined {
  if (sections.effectiveDate !== undefined && !isIsoDate(sections.effectiveDate)) {
    issues.add(['effectiveDate'], 'POLICY.INVALID_DATE', `"${sections.effectiveDate}" is not a date: write YYYY-MM-DD, e.g. 2023-12-08`);
  }
  if (sections.replaces !== undefined && sections.replaces === sections.version) {
    issues.add(['replaces'], 'POLICY.INVALID_VALUE', `a version cannot replace itself ("${sections.replaces}"): name the version this one corrects`);
  }
  const businessDayMs = checkBusinessDay(sections.businessDay, issues);
  const calendars = sections.calendars && buildCalendars(sections.calendars, issues);
  const calendarIds = sections.calendars && new Set(Object.keys(sections.calendars));
  const matrix = sections.matrix && buildMatrix(sections.matrix, issues);
  const targets =
    sections.targets && buildTargets(sections.targets, { businessDayMs: businessDayMs ?? DEFAULT_BUSINESS_DAY_MS, calendarIds, issues });
  const thresholds = sections.thresholds && buildThresholds(sections.thresholds, issues);
  const tenants = buildTenants(sections.tenants ?? {}, calendarIds, issues);
  if (sections.defaultPlan !== undefined) checkPlan(sections.defaultPlan, ['defaultPlan'], issues);

  const { version, effectiveDate, defaultPlan } = sections;
  if (!issues.isEmpty || !version || !effectiveDate || !businessDayMs || !calendars || !matrix || !targets || !thresholds || !tenants) {
    return undefined;
  }
  return {
    version,
    effectiveDate,
    source,
    matrix,
    targets,
    calendarSpecs: calendars.specs,
    calendars: calendars.calendars,
    businessDayMs,
    pauseStatuses: sections.pauseStatuses ?? DEFAULT_PAUSE_STATUSES,
    thresholds,
    tenants,
    ...(sections.replaces !== undefined ? { replaces: sections.replaces } : {}),
    ...(defaultPlan !== undefined ? { defaultPlan: defaultPlan as SlaPolicy['defaultPlan'] } : {}),
  };
}
