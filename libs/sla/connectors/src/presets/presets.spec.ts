import type { Source } from '../connector-mapping';
import { eventsOf, mapFixture } from '../testing/map-fixture';

/** [fixture, the events it becomes as [type, fields]] per source; `ignored` when it changes nothing. */
type Expected = readonly (readonly [string, Record<string, unknown>])[] | 'ignored';

async function expectMapped(source: Source, name: string, expected: Expected, headers: Record<string, string> = {}): Promise<void> {
  const outcome = await mapFixture(source, name, headers);
  if (expected === 'ignored') return expect(outcome.kind).toBe('ignored');
  expect(eventsOf(outcome).map((e) => [e.type, e])).toEqual(expected.map(([type, fields]) => [type, expect.objectContaining(fields)]));
}

describe('the generic preset', () => {
  it.each<[string, Expected]>([
    ['created', [['ticket.opened', { ticketId: 'INC-7', impact: 2, urgency: 2, status: 'new', occurredAt: '2026-12-05T09:00:00-05:00' }]]],
    ['priority-changed', [['ticket.updated', { impact: 1, urgency: 1 }]]],
    ['waiting-for-customer', [['ticket.updated', { status: 'pending_customer' }]]],
    ['back-from-customer', [['ticket.updated', { status: 'in_progress' }]]],
    ['first-reply', [['ticket.responded', { actor: 'agent-7' }]]],
    ['resolved', [['ticket.resolved', {}]]],
    ['reopened', [['ticket.reopened', {}], ['ticket.updated', { status: 'in_progress' }]]],
    ['closed', [['ticket.closed', {}]]],
  ])('given %s, when mapped, then it becomes the expected events', (name, expected) => expectMapped('generic', name, expected));
});

describe('the Zammad preset', () => {
  it.each<[string, Expected]>([
    ['ticket-created', [['ticket.opened', { ticketId: '31001', impact: 2, urgency: 3, status: 'new', occurredAt: '2026-12-05T14:00:00Z' }]]],
    ['priority-changed', [['ticket.updated', { impact: 2, urgency: 2, status: 'in_progress' }]]],
    ['first-agent-reply', [['ticket.responded', { actor: 'agent.dupuis' }], ['ticket.updated', { status: 'in_progress' }]]],
    ['internal-note', [['ticket.updated', { status: 'in_progress' }]]],
    ['pending-reminder', [['ticket.updated', { status: 'pending_customer' }]]],
    ['customer-answers', [['ticket.updated', { status: 'in_progress', actor: 'marie@example.org' }]]],
    ['closed', [['ticket.closed', {}]]],
  ])('given %s, when mapped, then it becomes the expected events', (name, expected) => expectMapped('zammad', name, expected));

  it('given a delivery of a trigger named for reopening, then the ticket is reopened, then restated', () =>
    expectMapped('zammad', 'reopened', [['ticket.reopened', {}], ['ticket.updated', { status: 'in_progress' }]], { 'x-zammad-trigger': 'SLA reopen' }));
});

describe('the Zendesk preset', () => {
  it.each<[string, Expected]>([
    ['ticket-created', [['ticket.opened', { ticketId: '35436', impact: 2, urgency: 3, status: 'new' }]]],
    ['priority-changed', [['ticket.updated', { impact: 1, urgency: 1 }]]],
    ['first-agent-reply', [['ticket.responded', { actor: '9001' }]]],
    ['requester-comment', 'ignored'],
    ['pending', [['ticket.updated', { status: 'pending_customer' }]]],
    ['back-to-open', [['ticket.updated', { status: 'in_progress' }]]],
    ['solved', [['ticket.resolved', {}]]],
    ['reopened', [['ticket.reopened', {}], ['ticket.updated', { status: 'in_progress' }]]],
    ['closed', [['ticket.closed', {}]]],
  ])('given %s, when mapped, then it becomes the expected events', (name, expected) => expectMapped('zendesk', name, expected));

  it('given the event id, then it names the delivery', async () => {
    const outcome = await mapFixture('zendesk', 'solved');
    expect(outcome.kind === 'events' && outcome.events[0].eventId).toBe('zendesk:01JEV0000000000000000000A7:status');
  });
});

describe('the GLPI preset', () => {
  it.each<[string, Expected]>([
    ['ticket-created', [['ticket.opened', { ticketId: '12', impact: 2, urgency: 2, status: 'new', occurredAt: '2026-12-05T09:00:00-05:00' }]]],
    ['priority-changed', [['ticket.updated', { impact: 1, urgency: 1, status: 'in_progress', occurredAt: '2026-12-05T09:10:00-05:00' }]]],
    ['pending', [['ticket.updated', { status: 'pending_customer' }]]],
    ['back-to-processing', [['ticket.updated', { status: 'in_progress' }]]],
    ['first-agent-followup', [['ticket.responded', { ticketId: '12', actor: '7' }]]],
    ['private-followup', 'ignored'],
    ['requester-followup', 'ignored'],
    ['solved', [['ticket.resolved', { status: 'resolved' }]]],
    ['closed', [['ticket.closed', {}]]],
  ])('given %s, when mapped, then it becomes the expected events', (name, expected) => expectMapped('glpi', name, expected));

  it('given an update sent by the webhook with X-SLA-Event: reopened, then the ticket is reopened, then restated', () =>
    expectMapped('glpi', 'reopened', [['ticket.reopened', {}], ['ticket.updated', { status: 'in_progress' }]], { 'x-sla-event': 'reopened' }));
});

describe('the Request Tracker preset', () => {
  it.each<[string, Expected]>([
    ['ticket-created', [['ticket.opened', { ticketId: '12', impact: 2, urgency: 3, status: 'new', occurredAt: '2026-12-05T14:00:00Z' }]]],
    ['priority-changed', [['ticket.updated', { impact: 1, urgency: 1 }]]],
    ['first-agent-reply', [['ticket.responded', { actor: 'agent.dupuis' }]]],
    ['requester-reply', 'ignored'],
    ['requester-login-reply', 'ignored'], // a requestor whose RT login is not their address: RT's flag says
    ['stalled', [['ticket.updated', { status: 'pending_customer' }]]],
    ['back-to-open', [['ticket.updated', { status: 'in_progress' }]]],
    ['resolved', [['ticket.resolved', {}]]],
    ['reopened', [['ticket.reopened', {}], ['ticket.updated', { status: 'in_progress' }]]],
    ['rejected', [['ticket.closed', {}]]],
  ])('given %s, when mapped, then it becomes the expected events', (name, expected) => expectMapped('rt', name, expected));
});
