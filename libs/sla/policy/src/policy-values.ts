import type { Level, Plan, Priority } from '@stageplus/contracts';

export const PLANS: readonly Plan[] = ['BASE', 'PLUS'];
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
/** Impact and urgency levels, 1 (extensive / critical) to 4 (minor / low). */
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

/**
 * The calendar a target uses when it names none. A tenant's own calendar replaces this one
 * (and only this one) for that tenant's tickets.
 */
export const BUSINESS_CALENDAR_ID = 'business';

/** One business day (`j`) when the file has no `businessDay`: 8 business hours. */
export const DEFAULT_BUSINESS_DAY_MS = 8 * 3_600_000;

/** Statuses that pause the resolution clock when the file has no `pauseStatuses`. */
export const DEFAULT_PAUSE_STATUSES: readonly string[] = ['pending_customer'];

export function isPlan(value: unknown): value is Plan {
  return PLANS.includes(value as Plan);
}

export function isPriority(value: unknown): value is Priority {
  return PRIORITIES.includes(value as Priority);
}

export function isLevel(value: unknown): value is Level {
  return LEVELS.includes(value as Level);
}
