import type { Level, TicketEvent, TicketEventType } from '@stageplus/contracts';
import { toKnownEvent, type KnownEvent } from '../known-event';

type Extra = Partial<Pick<TicketEvent, 'impact' | 'urgency' | 'status' | 'receivedAt' | 'eventId' | 'tenantId' | 'ticketId'>>;

/** Builds one ticket's events with readable, unique ids: a small test-data DSL. */
export class TicketLog {
  private readonly events: TicketEvent[] = [];

  constructor(
    private readonly tenantId = 'ciusss-capitale-nationale',
    private readonly ticketId = 'T-1',
  ) {}

  add(type: TicketEventType, occurredAt: string, extra: Extra = {}): this {
    this.events.push({
      eventId: extra.eventId ?? `${this.ticketId}-e${this.events.length + 1}`,
      type,
      tenantId: this.tenantId,
      ticketId: this.ticketId,
      occurredAt,
      ...extra,
    });
    return this;
  }

  opened(at: string, impact: Level, urgency: Level, extra: Extra = {}): this {
    return this.add('ticket.opened', at, { impact, urgency, ...extra });
  }

  status(at: string, status: string, extra: Extra = {}): this {
    return this.add('ticket.updated', at, { status, ...extra });
  }

  raw(): TicketEvent[] {
    return [...this.events];
  }

  /** In arrival order = insertion order. */
  known(): KnownEvent[] {
    return this.events.map((e, i) => toKnownEvent(e, i));
  }
}

export const ms = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad instant in test: ${iso}`);
  return value;
};

export const iso = (value: number | null): string | null => (value === null ? null : new Date(value).toISOString());
