import { readOpenTickets } from './timer-open-tickets';

const view = (ticketId: string) => ({
  tenantId: 'tenant-a',
  ticketId,
  policyVersion: 'v1',
  clocks: {
    response: { thresholds: [{ percent: 50, state: 'pending' }] },
    resolution: { thresholds: [{ percent: 50, state: 'fired', firedAt: '2026-06-23T16:00:02.000Z' }, { percent: 75, state: 'pending' }] },
  },
  events: [
    { eventId: 'e0', type: 'ticket.opened', occurredAt: '2026-06-23T12:00:00.000Z', receivedAt: '2026-06-23T12:00:01.000Z', impact: 2, urgency: 2, status: 'new' },
    { eventId: 'e1', type: 'ticket.updated', occurredAt: '2026-06-23T13:00:00.000Z', receivedAt: '2026-06-23T13:00:00.000Z', impact: 4, urgency: 2 },
  ],
});

/** A timer answering from a table of paths; anything else is a 404. */
function fakeTimer(routes: Record<string, unknown>, seen: string[] = []): typeof fetch {
  return (async (url: string | URL, init?: RequestInit) => {
    const { pathname, search } = new URL(String(url));
    seen.push(`${pathname}${search} ${(init?.headers as Record<string, string>).authorization}`);
    const body = routes[`${pathname}${search}`];
    return body === undefined ? new Response('{"title":"not found"}', { status: 404 }) : Response.json(body);
  }) as typeof fetch;
}

describe("reading the timer's open tickets", () => {
  it('given a board of two pages and a paused board, when read, then every ticket is read once with its events and fired thresholds', async () => {
    const seen: string[] = [];
    const timer = fakeTimer(
      {
        '/v1/tenants/tenant-a/tickets?state=running&limit=200': { items: [{ tenantId: 'tenant-a', ticketId: 'T-1' }], nextCursor: 'c1' },
        '/v1/tenants/tenant-a/tickets?state=running&limit=200&cursor=c1': { items: [{ tenantId: 'tenant-a', ticketId: 'T-2' }], nextCursor: null },
        '/v1/tenants/tenant-a/tickets?state=paused&limit=200': { items: [{ tenantId: 'tenant-a', ticketId: 'T-1' }], nextCursor: null },
        '/v1/tenants/tenant-a/tickets/T-1/sla': view('T-1'),
        '/v1/tenants/tenant-a/tickets/T-2/sla': view('T-2'),
      },
      seen,
    );
    const tickets = await readOpenTickets({ url: 'http://timer:3002', key: 'k', tenant: 'tenant-a' }, timer);
    expect(tickets.map((t) => t.ticketId)).toEqual(['T-1', 'T-2']);
    expect(tickets[0].fired).toEqual([{ clock: 'resolution', percent: 50, firedAt: Date.parse('2026-06-23T16:00:02.000Z') }]);
    expect(tickets[0].events.map((e) => [e.eventId, e.seq, e.impact, e.urgency, e.receivedAt])).toEqual([
      ['e0', 0, 2, 2, Date.parse('2026-06-23T12:00:01.000Z')],
      ['e1', 1, 4, 2, Date.parse('2026-06-23T13:00:00.000Z')],
    ]);
    expect(seen.every((s) => s.endsWith('Bearer k'))).toBe(true);
  });

  it('given a ticket closed between the board and its view, when read, then it is left out', async () => {
    const timer = fakeTimer({ '/v1/tickets?state=running&limit=200': { items: [{ tenantId: 'tenant-a', ticketId: 'gone' }], nextCursor: null }, '/v1/tickets?state=paused&limit=200': { items: [], nextCursor: null } });
    await expect(readOpenTickets({ url: 'http://timer:3002', key: 'k' }, timer)).resolves.toEqual([]);
  });

  it('given a key the timer refuses, when read, then CLI.TIMER names the status', async () => {
    const timer = (async () => new Response('{"title":"Forbidden"}', { status: 403 })) as unknown as typeof fetch;
    await expect(readOpenTickets({ url: 'http://timer:3002', key: 'k' }, timer)).rejects.toMatchObject({ code: 'CLI.TIMER', message: expect.stringMatching(/answered 403/) });
  });

  it('given no timer, when read, then CLI.TIMER says it cannot be reached', async () => {
    const timer = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(readOpenTickets({ url: 'http://timer:3002', key: 'k' }, timer)).rejects.toMatchObject({ code: 'CLI.TIMER', message: expect.stringMatching(/cannot reach the timer/) });
  });
});
