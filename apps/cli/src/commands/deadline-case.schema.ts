import { z } from 'zod';
import type { DeadlineCase } from '@stageplus/sla-engine';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const instant = z
  .string()
  .regex(ISO_WITH_OFFSET, 'must be an ISO-8601 date-time with an offset')
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a valid date-time' });
    return ms;
  });

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'must be an integer from 1 to 4',
});

/** One line of `sla deadlines` input. */
export const deadlineCaseSchema = z.object({
  id: z.union([z.string(), z.number()]),
  plan: z.enum(['BASE', 'PLUS'], { error: 'must be BASE or PLUS' }),
  impact: level,
  urgency: level,
  openedAt: instant,
  pauses: z
    .array(
      z.object({ from: instant, to: instant }).refine((p) => p.to > p.from, {
        message: 'must end after it starts',
        path: ['to'],
      }),
    )
    .optional(),
});

export type ParsedCase = { readonly id: string | number; readonly value: DeadlineCase };

/** Validates a case line; the message names every bad field. */
export function parseDeadlineCase(raw: unknown): { ok: true; value: ParsedCase } | { ok: false; message: string } {
  const result = deadlineCaseSchema.safeParse(raw);
  if (!result.success) {
    const message = result.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
    return { ok: false, message };
  }
  const { id, ...value } = result.data;
  return { ok: true, value: { id, value } };
}
