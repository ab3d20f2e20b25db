import { parseTicketEvent } from './ticket-event.schema';

const opened = {
  eventId: 'evt-1',
  type: 'ticket.opened',
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-1001',
  occurredAt: '2026-06-23T15:10:00-04:00',
  impact: 2,
  urgency: 3,
};

const fields = (raw: unknown) => {
  const result = parseTicketEvent(raw);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe('the ticket event schema', () => {
  it('accepts an opened event with impact, urgency and an offset date-time', () => {
    expect(parseTicketEvent(opened)).toEqual({ ok: true, value: opened });
  });

  it('names every bad field at once', () => {
    expect(fields({ ...opened, type: 'ticket.deleted', occurredAt: '2026-06-23 15:10', impact: 7 })).toEqual([
      'type',
      'occurredAt',
      'impact',
    ]);
  });

  it('requires impact and urgency on ticket.opened', () => {
    const { impact: _i, urgency: _u, ...bare } = opened;
    expect(fields(bare)).toEqual(['impact', 'urgency']);
  });

  it('refuses a date-time without an offset: event times are never local guesses', () => {
    expect(fields({ ...opened, occurredAt: '2026-06-23T15:10:00' })).toEqual(['occurredAt']);
  });

  it('refuses instants outside 2000-2099, which no ticket has and the calendars cannot serve', () => {
    expect(fields({ ...opened, occurredAt: '2201-01-05T15:00:00Z' })).toEqual(['occurredAt']);
    expect(fields({ ...opened, occurredAt: '1899-12-31T15:00:00Z' })).toEqual(['occurredAt']);
  });

  it('refuses fields that could carry free text about patients or users', () => {
    expect(fields({ ...opened, description: 'Mme Tremblay ne peut pas se connecter' })).toEqual(['description']);
    expect(fields({ ...opened, reason: 'la patiente attend' })).toEqual(['reason']);
  });

  it('refuses a priority change that carries only half of impact and urgency', () => {
    const update = { eventId: 'evt-2', type: 'ticket.updated', tenantId: 't', ticketId: 'k', occurredAt: '2026-06-23T16:00:00Z' };
    expect(fields({ ...update, impact: 1 })).toEqual(['urgency']);
    expect(fields({ ...update, status: 'pending_customer' })).toEqual([]);
  });
});
