import { z } from 'zod';
import { TICKET_EVENT_TYPES, type TicketEvent } from './ticket-events';

/**
 * ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`): event times are never local
 * guesses. Hours 00-23 (24:00 is refused: write 00:00 of the next day), minutes and seconds
 * 00-59 (no leap second), offsets up to ±23:59. The date is checked apart, against the calendar.
 */
const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * A day that exists: zod's ISO date knows month lengths and leap years. `Date.parse` does not:
 * it reads 2026-02-30 as March 2, which would start a ticket's clock on the wrong day.
 */
const calendarDate = z.iso.date();

/**
 * The instants a support desk's events can carry. Calendars compute from 1900 to 2200; an event
 * far outside that (a typo, 2201 for 2021) must be refused at the door, not poison a ticket.
 */
const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const LATEST_INSTANT = Date.UTC(2100, 0, 1);

/** Why `text` is not an instant the APIs take, or null when it is one. One reason per value. */
function instantProblem(text: string): string | null {
  const shape = ISO_WITH_OFFSET.exec(text);
  if (shape === null) {
    return 'must be an ISO-8601 date-time with an offset, e.g. 2026-06-23T15:10:00-04:00';
  }
  if (!calendarDate.safeParse(shape[1]).success) return `is not a calendar date: ${shape[1]} does not exist`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return 'is not a valid date-time';
  if (ms < EARLIEST_INSTANT || ms >= LATEST_INSTANT) return 'must be between 2000-01-01 and 2099-12-31';
  return null;
}

/** An instant as the APIs take it: ISO-8601 with an explicit offset, a real calendar date-time. */
export const instantSchema = z.string().superRefine((text, ctx) => {
  const problem = instantProblem(text);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** Impact or urgency: 1 to 4. */
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'must be an integer from 1 to 4',
});

/**
 * Identifiers are opaque keys, short and free of spaces: never names or free text. No `/`: ids
 * travel in URL paths (`/v1/tenants/{tenantId}/tickets/{ticketId}/sla`), log lines and file
 * names, where `A/../../x` reads as a path; no upstream id needs one (`INC0012345`, `JIRA-123`,
 * `12345`, tenant ids such as `chu-sainte-justine`).
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

const identifier = z.string().regex(IDENTIFIER_PATTERN, 'must be 1-128 characters among letters, digits and ._:@- (no "/")');

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be a short code (letters, digits, _.:-), not free text');

/**
 * The ticket event schema shared by the intake API and the CLI. Unknown keys are refused so that
 * no free text (a description, a patient's name) slips in under another name.
 */
export const ticketEventSchema = z
  .strictObject({
    eventId: identifier,
    type: z.enum(TICKET_EVENT_TYPES),
    tenantId: identifier,
    ticketId: identifier,
    occurredAt: instantSchema,
    receivedAt: instantSchema.optional(),
    impact: levelSchema.optional(),
    urgency: levelSchema.optional(),
    status: code.optional(),
    actor: identifier.optional(),
    reason: code.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'ticket.opened') {
      for (const field of ['impact', 'urgency'] as const) {
        if (event[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'is required on ticket.opened' });
        }
      }
    }
    if ((event.impact === undefined) !== (event.urgency === undefined) && event.type === 'ticket.updated') {
      const missing = event.impact === undefined ? 'impact' : 'urgency';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'impact and urgency change together' });
    }
  });

/** One invalid field of an event. */
export interface FieldError {
  /** JSON path of the field, e.g. `impact` or `[3].occurredAt` for a batch. */
  readonly field: string;
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

/** Validates one ticket event; never throws. */
export function parseTicketEvent(raw: unknown): ParseResult<TicketEvent> {
  const result = ticketEventSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data as TicketEvent };
  return { ok: false, errors: result.error.issues.flatMap(toFieldErrors) };
}

function toFieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  const prefix = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: prefix ? `${prefix}.${key}` : key,
      message: 'is not an accepted field: events carry ticket metadata only',
    }));
  }
  return [{ field: prefix || '(root)', message: issue.message }];
}
