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

  it('refuses date-times that name no real moment: a day past the end of its month, hour 24, minute 60', () => {
    for (const occurredAt of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-13-01T00:00:00Z', '2026-06-23T24:00:00Z', '2026-06-23T15:60:00Z', '2026-06-23T15:10:60Z', '2026-06-23T15:10:00+24:00', '2026-06-23T15:10:00+99:99']) {
      expect([occurredAt, fields({ ...opened, occurredAt })]).toEqual([occurredAt, ['occurredAt']]);
    }
    expect(parseTicketEvent({ ...opened, occurredAt: '2026-02-30T10:00:00Z' })).toEqual({
      ok: false,
      errors: [{ field: 'occurredAt', message: 'is not a calendar date: 2026-02-30 does not exist' }],
    });
    expect(fields({ ...opened, receivedAt: '2026-06-31T10:00:00Z' })).toEqual(['receivedAt']);
  });

  it('accepts the real edges: February 29 of a leap year, 23:59:59, midnight, offsets without a colon, minutes only', () => {
    for (const occurredAt of ['2028-02-29T10:00:00Z', '2000-02-29T00:00:00Z', '2026-12-31T23:59:59.999-05:00', '2026-06-23T00:00:00+05:30', '2026-06-23T15:10:00+0530', '2026-06-23T15:10Z']) {
      expect([occurredAt, fields({ ...opened, occurredAt })]).toEqual([occurredAt, []]);
    }
  });

  it('refuses path-like identifiers: no "/" in any id', () => {
    expect(fields({ ...opened, ticketId: 'A/../../x' })).toEqual(['ticketId']);
    expect(fields({ ...opened, tenantId: 'chu-sainte-justine/x', eventId: '/e1' })).toEqual(['eventId', 'tenantId']);
    expect(fields({ ...opened, ticketId: 'INC0012345', eventId: 'JIRA-123:v2@upstream', actor: 'agent.17' })).toEqual([]);
    expect(fields({ ...opened, ticketId: 'a'.repeat(129) })).toEqual(['ticketId']);
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
