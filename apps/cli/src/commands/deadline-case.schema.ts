import { z } from 'zod';
import { instantSchema, levelSchema } from '@stageplus/contracts';
import type { DeadlineCase } from '@stageplus/sla-engine';

/** Instants as epoch ms, once validated. */
const instant = instantSchema.transform((s) => Date.parse(s));
const level = levelSchema;

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
