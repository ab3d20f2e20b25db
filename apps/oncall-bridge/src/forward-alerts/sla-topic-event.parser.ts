import type { SlaCleared, SlaNotification, SlaTopicEvent } from '@stageplus/contracts';
import { z } from 'zod';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO instant');
const message = z.object({ fr: z.string(), en: z.string() });
const common = {
  eventId: z.string().min(1),
  tenantId: z.string().min(1),
  ticketId: z.string().min(1),
  clock: z.enum(['response', 'resolution']),
  alertKey: z.string().min(1),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
  plan: z.enum(['BASE', 'PLUS']),
  message,
};

/** The fields the bridge maps; other fields pass through untouched (the contract may grow). */
const thresholdSchema = z.looseObject({
  ...common,
  type: z.enum(['sla.escalated', 'sla.breached']),
  percent: z.number(),
  level: z.number().int().nullable(),
  thresholdAt: instant,
  firedAt: instant,
  dueAt: instant.nullable(),
  late: z.boolean(),
});

const clearedSchema = z.looseObject({
  ...common,
  type: z.literal('sla.cleared'),
  reason: z.string().min(1), // any reason: a clear resolves the alert whatever it says, and more reasons may come
  since: instant,
  clearedAt: instant,
  alerts: z.array(z.looseObject({ percent: z.number(), type: z.enum(['sla.escalated', 'sla.breached']), level: z.number().int().nullable() })),
  breached: z.boolean(),
});

const KNOWN_TYPES = new Set(['sla.escalated', 'sla.breached', 'sla.cleared']);

export type ParsedSlaEvent =
  | { readonly kind: 'event'; readonly event: SlaTopicEvent }
  | { readonly kind: 'other-type'; readonly type: string }
  | { readonly kind: 'invalid'; readonly code: string; readonly detail: string };

/**
 * Reads one value of an SLA topic. A type the bridge does not know is not an error (the topics may
 * carry more kinds of events one day): it is skipped. A known type without the fields the
 * formats need is refused (`BRIDGE.INVALID_EVENT`), as is a value that is not JSON.
 */
export function parseSlaTopicEvent(value: string | null): ParsedSlaEvent {
  if (value === null) return { kind: 'invalid', code: 'MESSAGE.EMPTY', detail: 'the message has no value' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { kind: 'invalid', code: 'MESSAGE.NOT_JSON', detail: `the value is not JSON: ${(error as Error).message}` };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) return { kind: 'other-type', type: String(type) };
  const result = type === 'sla.cleared' ? clearedSchema.safeParse(json) : thresholdSchema.safeParse(json);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
    return { kind: 'invalid', code: 'BRIDGE.INVALID_EVENT', detail: `${type} lacks what the on-call formats need: ${fields}` };
  }
  return { kind: 'event', event: result.data as unknown as SlaNotification | SlaCleared };
}
