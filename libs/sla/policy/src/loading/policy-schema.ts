import { z } from 'zod';

/**
 * The shape of a policy file: types and keys only. Domain rules (matrix cells, targets per plan,
 * durations, calendar references, thresholds) are checked afterwards with rule-specific codes,
 * so the schema stays lenient where a precise message is worth more than a generic one.
 */

const onUnion = (message: string) => ({
  error: (issue: { code: string }) => (issue.code === 'invalid_union' ? message : undefined),
});

/** Durations are read later: a bare number gets a "needs a unit" message rather than a type error. */
const durationSchema = z.union([z.string(), z.number()], onUnion('expected a duration such as 30min, 8h, 2j or PT8H'));

const openingHoursSchema = z.union([z.string(), z.array(z.string())], onUnion('expected HH:mm-HH:mm or a list of them'));

const holidaysSchema = z.strictObject({
  country: z.string(),
  region: z.string().optional(),
  types: z.array(z.string()).optional(),
  quebecSundaySubstitutions: z.boolean().optional(),
});

const closureSchema = z.strictObject({ date: z.string(), name: z.string() });

const businessCalendarSchema = z.strictObject({
  type: z.literal('business'),
  timeZone: z.string(),
  week: z.record(z.string(), openingHoursSchema),
  holidays: holidaysSchema.nullable().optional(),
  closures: z.array(closureSchema).nullable().optional(),
});

const alwaysOpenCalendarSchema = z.strictObject({ type: z.literal('24x7') });

const calendarSchema = z.discriminatedUnion(
  'type',
  [businessCalendarSchema, alwaysOpenCalendarSchema],
  onUnion('type must be "business" (opening hours and holidays) or "24x7" (always open)'),
);

const priorityTargetsSchema = z.strictObject({
  response: durationSchema.optional(),
  resolution: durationSchema.optional(),
  calendar: z.string().optional(),
});

const thresholdSchema = z.strictObject({
  percent: z.number(),
  event: z.enum(['sla.escalated', 'sla.breached']),
  level: z.number().int().min(1).nullable().optional(),
});

const tenantSchema = z.strictObject({
  plan: z.string(),
  calendar: z.string().optional(),
  name: z.string().optional(),
});

/** Each top-level key with its schema: sections are also checked one by one, so a broken
 * section does not hide the problems of the others. */
export const policySections = {
  version: z.string().min(1),
  effectiveDate: z.string(),
  replaces: z.string().min(1).optional(),
  businessDay: durationSchema.optional(),
  calendars: z.record(z.string(), calendarSchema),
  matrix: z.record(z.string(), z.array(z.string().nullable()).nullable()),
  targets: z.record(z.string(), z.record(z.string(), priorityTargetsSchema.nullable()).nullable()),
  thresholds: z.array(thresholdSchema),
  pauseStatuses: z.array(z.string().min(1)).optional(),
  tenants: z.record(z.string(), tenantSchema).nullable().optional(),
  defaultPlan: z.string().optional(),
};

export const policyDocumentSchema = z.strictObject(policySections);

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type CalendarEntry = PolicyDocument['calendars'][string];
export type BusinessCalendarEntry = z.infer<typeof businessCalendarSchema>;
export type PriorityTargetsEntry = z.infer<typeof priorityTargetsSchema>;
export type ThresholdEntry = z.infer<typeof thresholdSchema>;
export type TenantRegistryEntry = z.infer<typeof tenantSchema>;
export type DurationValue = z.infer<typeof durationSchema>;
