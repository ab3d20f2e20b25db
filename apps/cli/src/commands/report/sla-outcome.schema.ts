import type { SlaTicketOutcome } from '@stageplus/contracts';
import { z } from 'zod';

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}

const clock = z.object({ clock: z.enum(['response', 'resolution']), status: z.enum(['met', 'breached']) }).passthrough();

/** What a report reads of an `sla.outcome`; the rest of the payload is carried along unchecked. */
const outcomeSchema = z
  .object({
    type: z.literal('sla.outcome'),
    tenantId: z.string().min(1),
    ticketId: z.string().min(1),
    priority: z.string().regex(/^P\d$/),
    closedAt: z.string().datetime({ offset: true }),
    timeZone: z.string().refine(isZone, 'must be an IANA time zone'),
    clocks: z.object({ response: clock, resolution: clock }),
  })
  .passthrough();

/** An `sla.outcome` from the topic, or the reason it is not one. */
export function parseSlaOutcome(value: unknown): { ok: true; value: SlaTicketOutcome } | { ok: false; message: string } {
  const parsed = outcomeSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as unknown as SlaTicketOutcome };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ') };
}
