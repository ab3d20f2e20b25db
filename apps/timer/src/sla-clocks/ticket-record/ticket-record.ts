import { TICKET_EVENT_TYPES, type Level, type TicketEventType } from '@stageplus/contracts';
import type { KnownEvent } from '@stageplus/sla-engine';
import type { TicketRef } from '../ticket-ref';

/** A fired threshold as the record keeps it: when it fired and whether late. */
export interface FiredMark {
  readonly firedAt: number;
  readonly late: boolean;
}

/**
 * What the timer keeps of one ticket, everything else being recomputed by the engine: its events
 * as learnt (arrival order; a ticket's arrival index is the engine's tie-break `seq`), the
 * thresholds fired, and the instant its timer job was last armed for.
 */
export interface TicketRecord {
  readonly ref: TicketRef;
  readonly events: readonly KnownEvent[];
  /** By mark (the engine's `fired-marks.ts`: firings, clears, withdrawals; and the outcomes published). */
  readonly fired: ReadonlyMap<string, FiredMark>;
  /** The instant the ticket's BullMQ job was last set to fire at (it may have fired since); null if never. */
  readonly armedAt: number | null;
}

export const emptyRecord = (ref: TicketRef): TicketRecord => ({ ref, events: [], fired: new Map(), armedAt: null });

/**
 * The compact encoding: one JSON array per event, `[eventId, type index, occurredAt, receivedAt,
 * impact, urgency, status, actor, reason]` with trailing absent fields dropped (0 or null stand for
 * absent in between; records written before the timer stopped keeping the priority service's
 * stamp have a tenth field, "priority/plan", which is read past), fired thresholds as `{key: [firedAt, 1 if late]}`, `a` the armed instant.
 * About 80 bytes for a ticket with its opening event, 40-70 per extra event. The ticket's ids are
 * in the key, not repeated here.
 */
export interface StoredRecord {
  readonly e: (string | number | null)[][];
  readonly f?: Record<string, [number, number] | [number]>;
  readonly a?: number;
}

/** Records are immutable: one encoding serves the changelog and Redis. */
const encodings = new WeakMap<TicketRecord, string>();

/**
 * The JSON of `toStored(record)`, byte for byte, with the events' part built from the encoding of
 * the events they extend (`extendEvents`): a ticket updated many times costs the new events at
 * each write, not all of them again. The text is flat (`flat`), and the next record's events are
 * a slice of it: one copy of a long record per write, where a tree of concatenations was copied
 * once by the Redis client and again by the next write's slice, each copy kept about as long as
 * the ticket is hot and so moved out of the young generation (docs/benchmarks.md, "Sixteenth session").
 */
export function encodeRecord(record: TicketRecord): string {
  let text = encodings.get(record);
  if (text === undefined) {
    const events = eventsJson(record.events);
    const f = storedFired(record.fired);
    text = flat(`{"e":${events}${f === undefined ? '' : `,"f":${JSON.stringify(f)}`}${record.armedAt === null ? '' : `,"a":${record.armedAt}`}}`);
    encodings.set(record, text);
    if (record.events.length >= LONG_RECORD_EVENTS) eventsTexts.set(record.events, { text, end: EVENTS_AT + events.length });
  }
  return text;
}

/** Event lists, each by the list it extends (`extendEvents`); and a record text holding a list's JSON, where it ends. */
const extended = new WeakMap<readonly KnownEvent[], readonly KnownEvent[]>();
const eventsTexts = new WeakMap<readonly KnownEvent[], { readonly text: string; readonly end: number }>();
/** Where the events' JSON starts in a record's text, after `{"e":`. */
const EVENTS_AT = 5;

/**
 * From how many events a ticket's record counts as long: its encoding then extends the previous
 * one's, and the store keeps it (`owned-records.ts`). Shorter ones cost little to encode or decode
 * whole, and most tickets' are short: the weak maps here (ephemerons, which every garbage
 * collection walks) hold only the long ones.
 */
export const LONG_RECORD_EVENTS = 8;

/** A copy of `events` to push new events onto (and nothing else): its encoding extends theirs. */
export function extendEvents(events: readonly KnownEvent[]): KnownEvent[] {
  const copy = [...events];
  if (events.length >= LONG_RECORD_EVENTS) extended.set(copy, events);
  return copy;
}

function eventsJson(events: readonly KnownEvent[]): string {
  const own = eventsTexts.get(events);
  if (own !== undefined) return own.text.slice(EVENTS_AT, own.end);
  const base = extended.get(events);
  extended.delete(events); // from here on its own text stands for it: no chain of older lists kept alive
  const baseText = base === undefined ? undefined : eventsTexts.get(base);
  if (base === undefined || baseText === undefined) return JSON.stringify(events.map(encodeEvent));
  const added = events.slice(base.length).map((e) => JSON.stringify(encodeEvent(e)));
  if (added.length === 0) return baseText.text.slice(EVENTS_AT, baseText.end);
  return `${baseText.text.slice(EVENTS_AT, baseText.end - 1)},${added.join(',')}]`;
}

/**
 * `text` copied into one flat string now, once. V8 keeps a concatenation as a tree of its parts
 * until something reads it whole, then copies it flat (a number conversion does, as the `flatstr`
 * package relies on); slices of a flat string share its characters.
 */
function flat(text: string): string {
  void Number(text);
  return text;
}

export function decodeRecord(ref: TicketRef, text: string): TicketRecord {
  return fromStored(ref, JSON.parse(text) as StoredRecord);
}

/** The record as its compact JSON value (also the changelog's payload). */
export function toStored(record: TicketRecord): StoredRecord {
  return {
    e: record.events.map(encodeEvent),
    ...(record.fired.size > 0 ? { f: storedFired(record.fired) } : {}),
    ...(record.armedAt !== null ? { a: record.armedAt } : {}),
  };
}

function storedFired(fired: ReadonlyMap<string, FiredMark>): StoredRecord['f'] {
  return fired.size === 0 ? undefined : Object.fromEntries([...fired].map(([k, m]) => [k, m.late ? [m.firedAt, 1] : [m.firedAt]]));
}

export function fromStored(ref: TicketRef, raw: StoredRecord): TicketRecord {
  if (!Array.isArray(raw?.e)) throw new Error(`corrupt ticket record for ${ref.tenantId}/${ref.ticketId}`);
  return {
    ref,
    events: raw.e.map((e, seq) => decodeEvent(ref, e, seq)),
    fired: new Map(Object.entries(raw.f ?? {}).map(([k, [firedAt, late]]) => [k, { firedAt, late: late === 1 }])),
    armedAt: typeof raw.a === 'number' ? raw.a : null,
  };
}

function encodeEvent(e: KnownEvent): (string | number | null)[] {
  const row: (string | number | null)[] = [
    e.eventId,
    TICKET_EVENT_TYPES.indexOf(e.type),
    e.occurredAt,
    e.receivedAt,
    e.impact ?? 0,
    e.urgency ?? 0,
    e.status ?? null,
    e.actor ?? null,
    e.reason ?? null,
  ];
  while (row.length > 4 && (row[row.length - 1] === null || row[row.length - 1] === 0)) row.pop();
  return row;
}

function decodeEvent(ref: TicketRef, row: (string | number | null)[], seq: number): KnownEvent {
  const [eventId, type, occurredAt, receivedAt, impact, urgency, status, actor, reason] = row;
  return {
    eventId: String(eventId),
    type: TICKET_EVENT_TYPES[Number(type)] as TicketEventType,
    tenantId: ref.tenantId,
    ticketId: ref.ticketId,
    occurredAt: Number(occurredAt),
    receivedAt: Number(receivedAt),
    seq,
    ...(impact ? { impact: impact as Level } : {}),
    ...(urgency ? { urgency: urgency as Level } : {}),
    ...(typeof status === 'string' ? { status } : {}),
    ...(typeof actor === 'string' ? { actor } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}
