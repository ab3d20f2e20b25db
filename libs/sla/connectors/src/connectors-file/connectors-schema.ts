import { IDENTIFIER_PATTERN } from '@stageplus/contracts';
import { PRIORITIES } from '@stageplus/sla-policy';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { EVENT_KINDS, SOURCES } from '../connector-mapping';

const expression = z.string().min(1, 'must be a JSONata expression');
const statusCode = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be a STAGE+ status code (letters, digits, _.:-), e.g. pending_customer');
const priority = z.enum(PRIORITIES as [string, ...string[]], { error: 'must be P1, P2, P3 or P4' });

const fields = z.strictObject({
  ticketId: expression.optional(),
  occurredAt: expression.optional(),
  deliveryId: expression.optional(),
  tenant: expression.optional(),
  actor: expression.optional(),
  status: expression.optional(),
  previousStatus: expression.optional(),
  priority: expression.optional(),
  previousPriority: expression.optional(),
  impact: expression.optional(),
  urgency: expression.optional(),
  deliveryType: expression.optional(),
});

/** One tenant's changes to one source's preset; what it leaves out stays as the preset says. */
export const connectorOverrideSchema = z.strictObject({
  /** The secret the source signs its deliveries with (Jira, Zammad, Zendesk, GLPI, generic). */
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, e.g. America/Toronto')
    .optional(),
  fields: fields.optional(),
  /** Replaces the preset's rules as a whole: rules depend on one another's order. */
  rules: z.array(z.strictObject({ when: expression, emit: z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(', ')}` }) })).min(1).optional(),
  /** Merged over the preset's: add a status, or change what one becomes. */
  statuses: z.record(z.string().min(1), statusCode).optional(),
  priorities: z.record(z.string().min(1), priority).optional(),
  priorityRanges: z.array(z.strictObject({ min: z.number(), priority })).min(1).optional(),
});

export type ConnectorOverride = z.infer<typeof connectorOverrideSchema>;

const perSource = z.strictObject(Object.fromEntries(SOURCES.map((source) => [source, connectorOverrideSchema.optional()])) as Record<(typeof SOURCES)[number], z.ZodOptional<typeof connectorOverrideSchema>>);

/** The connectors file: per tenant, per source, what differs from the preset. */
export const connectorsFileSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1' }),
  tenants: z.record(z.string().regex(IDENTIFIER_PATTERN, 'must be a tenant id (letters, digits, ._:@-)'), perSource),
});

export type ConnectorsFile = z.infer<typeof connectorsFileSchema>;
