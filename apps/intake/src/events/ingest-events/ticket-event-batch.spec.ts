import { MAX_BATCH_SIZE, parseTicketEventBatch } from './ticket-event-batch';

const opened = {
  eventId: 'evt-1',
  type: 'ticket.opened',
  tenantId: 'chu-sainte-justine',
  ticketId: 'T-1001',
  occurredAt: '2026-06-23T15:10:00-04:00',
  impact: 2,
  urgency: 3,
};

const fields = (body: unknown) => {
  const result = parseTicketEventBatch(body);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe('reading a request body as ticket events', () => {
  it('takes one event as a batch of one, unchanged', () => {
    expect(parseTicketEventBatch(opened)).toEqual({ ok: true, value: [opened] });
  });

  it('takes an array in its order', () => {
    const second = { ...opened, eventId: 'evt-2', type: 'ticket.responded', impact: undefined, urgency: undefined };
    const { impact: _i, urgency: _u, ...responded } = second;
    expect(parseTicketEventBatch([opened, responded])).toEqual({ ok: true, value: [opened, responded] });
  });

  it('names the fields of a single event as they are', () => {
    expect(fields({ ...opened, occurredAt: '2026-06-23 15:10', note: 'free text' })).toEqual(['occurredAt', 'note']);
  });

  it('names every bad field of every event of an array by its index', () => {
    expect(fields([opened, { ...opened, eventId: 'evt-2', impact: 9 }, 42, { ...opened, eventId: 'evt-3', occurredAt: '2026-06-23T15:10:00' }])).toEqual([
      '[1].impact',
      '[2]',
      '[3].occurredAt',
    ]);
  });

  it('refuses an eventId repeated within one batch, naming each repeat and its first occurrence, in body order', () => {
    const other = { ...opened, eventId: 'evt-2', ticketId: 'T-1002' };
    const result = parseTicketEventBatch([opened, other, { ...opened, impact: 9 }, { ...other }, { ...opened, ticketId: 'T-9' }]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: '[2].impact', message: 'must be an integer from 1 to 4' },
        { field: '[2].eventId', message: 'duplicate of [0].eventId' },
        { field: '[3].eventId', message: 'duplicate of [1].eventId' },
        { field: '[4].eventId', message: 'duplicate of [0].eventId' },
      ],
    });
  });

  it('takes different eventIds with the same content: two facts that look alike', () => {
    expect(parseTicketEventBatch([opened, { ...opened, eventId: 'evt-1b' }]).ok).toBe(true);
  });

  it('refuses a body that is not an event or an array, an empty array, and an array over the limit', () => {
    expect(fields(undefined)).toEqual(['(body)']);
    expect(fields('ticket.opened')).toEqual(['(body)']);
    expect(fields([])).toEqual(['(body)']);
    const tooMany = parseTicketEventBatch(Array.from({ length: MAX_BATCH_SIZE + 1 }, () => opened));
    expect(tooMany).toEqual({ ok: false, errors: [{ field: '(body)', message: 'holds 1001 events; a batch holds at most 1000' }] });
  });
});
