import { formatDuration } from '../duration/duration';
import type { ClockTarget, PriorityTargets, SlaPolicy } from '../policy';
import { BUSINESS_CALENDAR_ID, LEVELS, PLANS, PRIORITIES } from '../policy-values';
import { POLICY_LABELS } from './policy-labels';
import type { PolicyLabels, PolicyLanguage } from './policy-labels';
import { renderTextTable } from './text-table';

/**
 * The policy as people read the contract: priority matrix, targets per plan, thresholds, pause
 * statuses and tenants, as aligned plain-text tables (`sla policy show --lang fr|en`).
 */
export function renderPolicyTable(policy: SlaPolicy, lang: PolicyLanguage): string {
  const labels = POLICY_LABELS[lang];
  const sections = [
    `${labels.title(policy.version, policy.effectiveDate)}\n${labels.file}${lang === 'fr' ? ' : ' : ': '}${policy.source}`,
    `${labels.matrixTitle}\n\n${renderMatrix(policy, labels)}`,
    ...PLANS.map((plan) => `${labels.targetsTitle(plan, formatDuration(policy.businessDayMs))}\n\n${renderTargets(policy, plan, labels)}`),
    `${labels.thresholdsTitle}\n\n${renderThresholds(policy, labels)}`,
    `${labels.pauseStatuses}${lang === 'fr' ? ' : ' : ': '}${policy.pauseStatuses.join(', ') || labels.none}`,
    `${labels.tenantsTitle(policy.defaultPlan)}\n\n${renderTenants(policy, labels)}`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function renderMatrix(policy: SlaPolicy, labels: PolicyLabels): string {
  const header = [labels.matrixCorner, ...LEVELS.map((urgency) => labels.urgencies[urgency])];
  const rows = LEVELS.map((impact) => [labels.impacts[impact], ...LEVELS.map((urgency) => policy.matrix[impact][urgency])]);
  return renderTextTable(header, rows);
}

function renderTargets(policy: SlaPolicy, plan: keyof SlaPolicy['targets'], labels: PolicyLabels): string {
  const rows = PRIORITIES.map((priority) => {
    const targets: PriorityTargets = policy.targets[plan][priority];
    return [priority, showTarget(targets.response), showTarget(targets.resolution), showCalendars(policy, targets, labels)];
  });
  return renderTextTable(labels.targetsHeader, rows);
}

/** `4j (32h)`: the notation of the file, and its length when the notation hides it. */
function showTarget(target: ClockTarget): string {
  const length = formatDuration(target.durationMs);
  return length === target.text ? target.text : `${target.text} (${length})`;
}

function showCalendars(policy: SlaPolicy, targets: PriorityTargets, labels: PolicyLabels): string {
  const response = calendarLabel(policy, targets.response.calendarId, labels);
  const resolution = calendarLabel(policy, targets.resolution.calendarId, labels);
  return response === resolution ? response : `${response} / ${resolution}`;
}

function calendarLabel(policy: SlaPolicy, calendarId: string, labels: PolicyLabels): string {
  if (calendarId === BUSINESS_CALENDAR_ID) return labels.businessHours;
  if (policy.calendarSpecs[calendarId]?.kind === '24x7') return calendarId === '24x7' ? '24x7' : `24x7 (${calendarId})`;
  return calendarId;
}

function renderThresholds(policy: SlaPolicy, labels: PolicyLabels): string {
  const rows = policy.thresholds.map((rule) => {
    const meaning = rule.level === null ? '' : labels.escalationLevels[rule.level];
    const level = rule.level === null ? '-' : `${labels.level(rule.level)}${meaning ? ` (${meaning})` : ''}`;
    return [labels.percent(rule.percent), rule.event, level];
  });
  return renderTextTable(labels.thresholdsHeader, rows);
}

function renderTenants(policy: SlaPolicy, labels: PolicyLabels): string {
  const rows = [...policy.tenants].map(([id, tenant]) => [
    id,
    tenant.name ?? '',
    tenant.plan,
    calendarLabel(policy, tenant.calendarId ?? BUSINESS_CALENDAR_ID, labels),
  ]);
  return rows.length === 0 ? labels.none : renderTextTable(labels.tenantsHeader, rows);
}
