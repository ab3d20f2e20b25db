import { eventsOf, mapFixture } from '../testing/map-fixture';

const delivery = (id: string) => ({ 'x-atlassian-webhook-identifier': id });

describe('the Jira Service Management preset', () => {
  it('given jira:issue_created, when mapped, then the issue key opens a ticket at the timestamp (in the tenant zone) with High as P2 (impact 2, urgency 2)', async () => {
    const outcome = await mapFixture('jira', 'issue-created', delivery('4711'));
    expect(outcome).toMatchObject({ kind: 'events', tenantId: 'chu-sainte-justine' });
    expect(outcome.kind === 'events' && outcome.events[0].eventId).toBe('jira:4711:opened');
    expect(eventsOf(outcome)).toEqual([
      { type: 'ticket.opened', ticketId: 'SD-42', occurredAt: '2026-12-05T09:00:00-05:00', impact: 2, urgency: 2, status: 'in_progress', actor: 'qm:7a1c2f9e-customer-17' },
    ]);
  });

  it('given a priority changed to Highest, then the ticket is updated to P1 (impact 1, urgency 1)', async () => {
    expect(eventsOf(await mapFixture('jira', 'priority-changed'))).toEqual([
      expect.objectContaining({ type: 'ticket.updated', ticketId: 'SD-42', impact: 1, urgency: 1, actor: '5b10ac8d82e05b22cc7d4ef5' }),
    ]);
  });

  it('given Waiting for customer, then the status pauses; given In Progress after it, then the clock resumes', async () => {
    expect(eventsOf(await mapFixture('jira', 'waiting-for-customer'))).toEqual([
      expect.objectContaining({ type: 'ticket.updated', status: 'pending_customer', occurredAt: '2026-12-05T09:20:00-05:00' }),
    ]);
    expect(eventsOf(await mapFixture('jira', 'back-from-customer'))).toEqual([expect.objectContaining({ type: 'ticket.updated', status: 'in_progress' })]);
  });

  it('given a public comment by an agent, then the ticket is responded', async () => {
    expect(eventsOf(await mapFixture('jira', 'agent-public-comment'))).toEqual([
      { type: 'ticket.responded', ticketId: 'SD-42', occurredAt: '2026-12-05T09:05:00-05:00', actor: '5b10ac8d82e05b22cc7d4ef5' },
    ]);
  });

  it.each(['agent-internal-comment', 'reporter-comment'])('given %s, then nothing is responded and the delivery is ignored', async (name) => {
    expect(await mapFixture('jira', name)).toEqual({ kind: 'ignored', tenantId: 'chu-sainte-justine', reason: 'comment_created: no rule of the jira mapping applies' });
  });

  it('given Resolved, then resolved; given In Progress after Resolved, then reopened and running; given Closed, then closed', async () => {
    expect(eventsOf(await mapFixture('jira', 'resolved'))).toEqual([expect.objectContaining({ type: 'ticket.resolved', status: 'resolved' })]);
    expect(eventsOf(await mapFixture('jira', 'reopened')).map((e) => [e.type, e.status])).toEqual([
      ['ticket.reopened', 'in_progress'],
      ['ticket.updated', 'in_progress'],
    ]);
    expect(eventsOf(await mapFixture('jira', 'closed'))).toEqual([expect.objectContaining({ type: 'ticket.closed', status: 'closed' })]);
  });

  it('given a change between two running statuses or of the assignee, then it is ignored, saying why', async () => {
    expect(await mapFixture('jira', 'in-progress-to-escalated')).toMatchObject({
      kind: 'ignored',
      reason: 'jira:issue_updated: status "In Progress" → "Escalated" changes nothing for the SLA (still running)',
    });
    expect(await mapFixture('jira', 'assignee-changed')).toMatchObject({ kind: 'ignored', reason: 'jira:issue_updated: no rule of the jira mapping applies' });
  });

  it('given the same delivery twice, then the same event ids; without a delivery id, the ids come from the body', async () => {
    const [first, again] = [await mapFixture('jira', 'resolved', delivery('9001')), await mapFixture('jira', 'resolved', delivery('9001'))];
    expect(first).toEqual(again);
    const bare = await mapFixture('jira', 'resolved');
    expect(bare.kind === 'events' && bare.events[0].eventId).toMatch(/^jira:body-[A-Za-z0-9_-]{27}:status$/);
  });
});
