import type { Plan, Priority } from '@stageplus/contracts';
import { formatDuration } from '../duration/duration';
import type { DurationValue, PolicyDocument, PriorityTargetsEntry } from '../loading/policy-schema';
import type { PathSegments } from '../loading/yaml-source';
import type { ClockTarget, PriorityTargets } from '../policy';
import { BUSINESS_CALENDAR_ID, isPlan, isPriority, PLANS, PRIORITIES } from '../policy-values';
import { checkDuration } from './durations';
import type { IssueList } from './issue-list';

export type PolicyTargets = Record<Plan, Record<Priority, PriorityTargets>>;

interface TargetContext {
  readonly businessDayMs: number;
  /** Calendars the file defines; undefined when that section is broken (references unchecked). */
  readonly calendarIds: ReadonlySet<string> | undefined;
  readonly issues: IssueList;
}

/** Response and resolution targets for every plan and priority. */
export function buildTargets(entries: PolicyDocument['targets'], context: TargetContext): PolicyTargets | undefined {
  for (const key of Object.keys(entries).filter((key) => !isPlan(key))) {
    context.issues.add(['targets', key], 'POLICY.UNKNOWN_PLAN', `there is no plan "${key}": plans are ${PLANS.join(' and ')}`);
  }
  const targets: Partial<PolicyTargets> = {};
  for (const plan of PLANS) {
    const planTargets = buildPlanTargets(plan, entries[plan], context);
    if (planTargets) targets[plan] = planTargets;
  }
  return PLANS.every((plan) => targets[plan]) ? (targets as PolicyTargets) : undefined;
}

function buildPlanTargets(
  plan: Plan,
  entries: Readonly<Record<string, PriorityTargetsEntry | null>> | null | undefined,
  context: TargetContext,
): Record<Priority, PriorityTargets> | undefined {
  if (!entries) {
    context.issues.add(['targets', plan], 'POLICY.TARGET_MISSING', `plan ${plan} has no targets: give response and resolution for ${PRIORITIES.join(', ')}`);
    return undefined;
  }
  for (const key of Object.keys(entries).filter((key) => !isPriority(key))) {
    context.issues.add(['targets', plan, key], 'POLICY.UNKNOWN_PRIORITY', `there is no priority "${key}": priorities are ${PRIORITIES.join(', ')}`);
  }
  const targets: Partial<Record<Priority, PriorityTargets>> = {};
  for (const priority of PRIORITIES) {
    const at = ['targets', plan, priority];
    const entry = entries[priority];
    const built = entry ? buildPriorityTargets(entry, at, context) : undefined;
    if (!entry) context.issues.add(at, 'POLICY.TARGET_MISSING', `${plan} ${priority} has no targets: give both response and resolution`);
    if (built) targets[priority] = built;
  }
  return PRIORITIES.every((priority) => targets[priority]) ? (targets as Record<Priority, PriorityTargets>) : undefined;
}

function buildPriorityTargets(entry: PriorityTargetsEntry, at: PathSegments, context: TargetContext): PriorityTargets | undefined {
  const calendarId = entry.calendar ?? BUSINESS_CALENDAR_ID;
  const calendarKnown =
    entry.calendar === undefined
      ? checkCalendarReference(calendarId, at, context, 'targets without a calendar use it')
      : checkCalendarReference(calendarId, [...at, 'calendar'], context);
  const response = buildClockTarget(entry.response, 'response', calendarId, at, context);
  const resolution = buildClockTarget(entry.resolution, 'resolution', calendarId, at, context);
  if (!response || !resolution || !calendarKnown) return undefined;
  if (resolution.durationMs < response.durationMs) {
    context.issues.add(
      [...at, 'resolution'],
      'POLICY.RESOLUTION_SHORTER_THAN_RESPONSE',
      `resolution ${describeTarget(resolution)} is shorter than response ${describeTarget(response)}: ` +
        `a ticket cannot be due resolved before it is due a first response ` +
        `(the contract's printed BASE P3 "4h" is such a typo; the default policy reads it as 4j)`,
    );
    return undefined;
  }
  return { response, resolution };
}

function buildClockTarget(
  value: DurationValue | undefined,
  clock: 'response' | 'resolution',
  calendarId: string,
  at: PathSegments,
  context: TargetContext,
): ClockTarget | undefined {
  if (value === undefined) {
    context.issues.add([...at, clock], 'POLICY.TARGET_MISSING', `${at.slice(1).join(' ')} has no ${clock} target`);
    return undefined;
  }
  const durationMs = checkDuration(value, [...at, clock], context.businessDayMs, context.issues);
  return durationMs === undefined ? undefined : { durationMs, text: String(value).trim(), calendarId };
}

/** True when the calendar exists, or when it cannot be told (broken `calendars` section). */
export function checkCalendarReference(
  calendarId: string,
  at: PathSegments,
  context: Omit<TargetContext, 'businessDayMs'>,
  note?: string,
): boolean {
  if (context.calendarIds === undefined || context.calendarIds.has(calendarId)) return true;
  const known = [...context.calendarIds].join(', ') || 'none';
  const why = note ? ` (${note})` : '';
  context.issues.add(at, 'POLICY.UNKNOWN_CALENDAR', `calendar "${calendarId}"${why} is not defined under calendars; defined: ${known}`);
  return false;
}

function describeTarget(target: ClockTarget): string {
  const normalized = formatDuration(target.durationMs);
  return normalized === target.text ? target.text : `${target.text} (${normalized})`;
}
