import { parseTicketEvent, type FieldError, type ParseResult, type TicketEvent } from '@stageplus/contracts';

/** The most events one request may carry: bounds the work and the write a single request causes. */
export const MAX_BATCH_SIZE = 1_000;

/** The field name for the body as a whole. */
export const BODY_FIELD = '(body)';

/**
 * Reads a request body as one ticket event or an array of them, validating every event before
 * any is accepted. Field names are relative to the body: `occurredAt` for a single event,
 * `[3].occurredAt` in an array, `(body)` for the body itself.
 */
export function parseTicketEventBatch(body: unknown): ParseResult<TicketEvent[]> {
  if (!Array.isArray(body)) {
    if (body === null || typeof body !== 'object') {
      return refuse(`must be a ticket event or an array of up to ${MAX_BATCH_SIZE}, sent as application/json`);
    }
    const result = parseTicketEvent(body);
    if (!result.ok) return { ok: false, errors: result.errors.map((e) => at('', e)) };
    return { ok: true, value: [result.value] };
  }
  if (body.length === 0) return refuse('must hold at least one event');
  if (body.length > MAX_BATCH_SIZE) return refuse(`holds ${body.length} events; a batch holds at most ${MAX_BATCH_SIZE}`);
  const events: TicketEvent[] = [];
  const errors: FieldError[] = [];
  body.forEach((raw, index) => {
    const result = parseTicketEvent(raw);
    if (result.ok) events.push(result.value);
    else errors.push(...result.errors.map((e) => at(`[${index}]`, e)));
  });
  errors.push(...duplicateEventIds(body));
  errors.sort((a, b) => indexOf(a) - indexOf(b));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: events };
}

/**
 * Every repeat of an eventId within one batch. Across requests a repeat is the client's retry and
 * is taken (consumers deduplicate by id); inside one batch it can only be a client's mistake, and
 * publishing both would show two facts where there was one.
 */
function duplicateEventIds(body: readonly unknown[]): FieldError[] {
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  body.forEach((raw, index) => {
    const eventId = (raw as { eventId?: unknown } | null)?.eventId;
    if (typeof eventId !== 'string') return;
    const earlier = first.get(eventId);
    if (earlier === undefined) first.set(eventId, index);
    else errors.push({ field: `[${index}].eventId`, message: `duplicate of [${earlier}].eventId` });
  });
  return errors;
}

/** The event index a field error belongs to, so that errors read in body order. */
function indexOf(error: FieldError): number {
  const match = /^\[(\d+)\]/.exec(error.field);
  return match === null ? -1 : Number(match[1]);
}

function refuse(message: string): ParseResult<TicketEvent[]> {
  return { ok: false, errors: [{ field: BODY_FIELD, message }] };
}

/** Re-roots a field error of one event under its place in the body. */
function at(prefix: string, error: FieldError): FieldError {
  if (error.field === '(root)') return { field: prefix || BODY_FIELD, message: error.message };
  return { field: prefix ? `${prefix}.${error.field}` : error.field, message: error.message };
}
