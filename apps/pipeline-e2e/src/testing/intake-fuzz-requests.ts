import fc from 'fast-check';

/** Tenants the fuzz writes for: two with keys of their own, one only the broad key covers, one nobody's. */
export const FUZZ_TENANTS = ['chu-sainte-justine', 'ciusss-capitale-nationale', 'cisss-laval', 'fuzz-unknown'] as const;

/**
 * Who sends a request: the broad key (three tenants), a key bound to one tenant, no key, an
 * unknown key, the right key under the wrong scheme or a lower-case `bearer`.
 */
export type FuzzCaller = 'broad' | 'chus' | 'cn' | 'none' | 'unknown-key' | 'basic-scheme' | 'lowercase-bearer';

/** One fuzzed `POST /v1/events`, printed short by fast-check when it is the counterexample. */
export interface FuzzRequest {
  readonly shape: string;
  readonly caller: FuzzCaller;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array;
}

const TYPES = ['ticket.opened', 'ticket.updated', 'ticket.responded', 'ticket.resolved', 'ticket.reopened', 'ticket.closed'] as const;
const FIELDS = ['eventId', 'type', 'tenantId', 'ticketId', 'occurredAt', 'receivedAt', 'impact', 'urgency', 'status', 'actor', 'reason'];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'description', 'patientName', 'x', 'toString', 'hasOwnProperty'];

/** Odd instants: local, out of range, impossible dates, hour 24, bad offsets, epoch numbers. */
const oddInstant = fc.constantFrom(
  '2026-11-29T04:00:00', '2026-06-23 15:10:00Z', '1970-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', 'NaN', '2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z',
  '2026-06-23T24:00:00Z', '2026-06-23T15:10:00+99:99', '2026-06-23T15:10:00.1234567890Z', '1700000000000',
);

/** Values a hostile or careless client puts anywhere: wrong types, huge or control strings, unicode. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, 0, -1, 1.5, 5, 1e308, '', ' ', '1', '\u0000', '\u202e\u200b', '../../../', '%2F..%2F', 'A/../../x',
    [], [1, 2], {}, { a: { b: {} } }, 'constructor', '__proto__', 'pending_customer', '<script>', "'; DROP TABLE x;--",
    ...TYPES, ...FUZZ_TENANTS,
  ),
  oddInstant,
  fc.integer(),
  fc.double(),
  fc.integer({ min: 1, max: 4 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 100, maxLength: 5_000 }),
  fc.integer({ min: -600, max: 600 }).map((s) => new Date(Date.now() + s * 1_000).toISOString()),
);

type Event = Record<string, unknown>;

/** A valid ticket event (for the schema) of any tenant, most of them from the past day. */
export function validEvent(run: string): fc.Arbitrary<Event> {
  return fc
    .record({
      id: fc.nat(),
      type: fc.constantFrom(...TYPES),
      tenantId: fc.constantFrom(...FUZZ_TENANTS),
      ticket: fc.integer({ min: 0, max: 300 }),
      ageSeconds: fc.integer({ min: 0, max: 86_400 }),
      levels: fc.option(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { freq: 4 }),
      status: fc.option(fc.constantFrom('open', 'pending_customer', 'in_progress'), { freq: 2 }),
      actor: fc.option(fc.constantFrom('agent-1', 'sys'), { freq: 4 }),
    })
    .map((r) => {
      const event: Event = {
        eventId: `${run}-${r.id}`,
        type: r.type,
        tenantId: r.tenantId,
        ticketId: `FZ-${run}-${r.ticket}`,
        occurredAt: new Date(Date.now() - r.ageSeconds * 1_000).toISOString(),
      };
      const levels = r.levels ?? (r.type === 'ticket.opened' ? [3, 4] : null);
      if (levels !== null) [event.impact, event.urgency] = levels;
      if (r.status !== null) event.status = r.status;
      if (r.actor !== null) event.actor = r.actor;
      return event;
    });
}

/** Own, enumerable: `__proto__` included, so that JSON.stringify writes it as a client would. */
function setOwn(event: Event, key: string, value: unknown): void {
  Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
}

const mutation = fc.oneof(
  fc.record({ drop: fc.constantFrom(...FIELDS) }),
  fc.record({ set: fc.constantFrom(...FIELDS), value: weird }),
  fc.record({ set: fc.constantFrom(...ODD_KEYS), value: weird }),
);

/** A valid event with one to five fields dropped, replaced by odd values, or odd keys added. */
export function mutatedEvent(run: string): fc.Arbitrary<Event> {
  return fc.tuple(validEvent(run), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([event, changes]) => {
    const copy: Event = { ...event };
    for (const change of changes) {
      if ('drop' in change) delete copy[change.drop];
      else setOwn(copy, change.set, change.value);
    }
    return copy;
  });
}

/** Around the batch limit (1,000): valid events made from one template, so that the size is cheap. */
function largeBatch(run: string): fc.Arbitrary<Event[]> {
  return fc.tuple(validEvent(run), fc.integer({ min: 998, max: 1_002 })).map(([template, size]) =>
    Array.from({ length: size }, (_, i) => ({ ...template, eventId: `${template.eventId}-${i}`, ticketId: `${template.ticketId}-${i}` })),
  );
}

const json = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/**
 * The payloads of the probe: events, mutants, batches of 0 to 1,002, odd JSON, truncated text,
 * bytes, 1 MiB+. The two large shapes are rare (about 1 request in 60 and 1 in 120): they cost
 * megabytes each and test one limit.
 */
function payload(run: string): fc.Arbitrary<{ shape: string; body: string | Uint8Array }> {
  const as = (shape: string) => (body: string | Uint8Array) => ({ shape, body });
  const event = validEvent(run);
  return fc.oneof(
    { weight: 48, arbitrary: mutatedEvent(run).map(json).map(as('mutated event')) },
    { weight: 20, arbitrary: event.map(json).map(as('event')) },
    {
      weight: 16,
      arbitrary: fc
        .array(fc.oneof({ weight: 9, arbitrary: event }, { weight: 1, arbitrary: mutatedEvent(run) }), { maxLength: 5 })
        .map(json)
        .map(as('batch')),
    },
    { weight: 4, arbitrary: event.map((e) => json([e, { ...e, ticketId: `${e.ticketId}-dup` }])).map(as('batch repeating an eventId')) },
    { weight: 2, arbitrary: largeBatch(run).map(json).map(as('batch near the 1,000 limit')) },
    { weight: 12, arbitrary: weird.map(json).map(as('odd JSON value')) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(event.map(json), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([text, cut]) => text.slice(0, Math.floor(text.length * cut)))
        .map(as('truncated JSON')),
    },
    { weight: 8, arbitrary: fc.uint8Array({ maxLength: 200 }).map(as('random bytes')) },
    { weight: 1, arbitrary: fc.constant(json({ eventId: 'big', pad: 'x'.repeat(1_048_576) })).map(as('body over 1 MiB')) },
  );
}

const CONTENT_TYPES = [
  'application/json', 'application/json', 'application/json', 'application/json', 'application/json; charset=utf-8',
  'text/plain', undefined, 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/vnd.api+json',
];
const CALLERS: FuzzCaller[] = ['broad', 'broad', 'broad', 'chus', 'cn', 'none', 'unknown-key', 'basic-scheme', 'lowercase-bearer'];

/** Requests as the probe sent them (fuzz.ts): every payload shape under every caller and content type. */
export function fuzzRequest(run: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ payload: payload(run), caller: fc.constantFrom(...CALLERS), contentType: fc.constantFrom(...CONTENT_TYPES) })
    .map(({ payload: { shape, body }, caller, contentType }) => {
      const request: FuzzRequest = { shape, caller, contentType, body };
      const shown = typeof body === 'string' ? body.slice(0, 300) : `<${body.length} bytes>`;
      return Object.assign(request, { [fc.toStringMethod]: () => `${shape} by ${caller} as ${String(contentType)}: ${shown}` });
    });
}
