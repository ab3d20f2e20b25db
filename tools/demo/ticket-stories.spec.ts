import { parseTicketEvent, type TicketEvent } from '@stageplus/contracts';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { join } from 'node:path';
import { STORY_KINDS, ticketStory } from './ticket-stories';
import { TrafficPlan } from './traffic-plan';

const policy = loadPolicyFile(join(__dirname, 'demo-policy.yaml'));
const START = Date.parse('2026-06-16T14:00:00Z');
const targets = { responseMs: 120_000, resolutionMs: 360_000 };
const story = (kind: (typeof STORY_KINDS)[number]) =>
  ticketStory({ kind, tenantId: 'cisss-laval', ticketId: 'T-1', impact: 3, urgency: 4, openedAt: START, targets, agent: 'agent-042', raisedTo: { impact: 1, urgency: 1, targets } });
const types = (events: { event: TicketEvent }[]) => events.map((e) => e.event.type);

describe('the demo traffic', () => {
  it.each(STORY_KINDS)('builds %s as events the intake schema accepts, in time order, each id once', (kind) => {
    const events = story(kind);
    for (const { event } of events) expect(parseTicketEvent(event)).toEqual({ ok: true, value: event });
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.event.eventId)).size).toBe(events.length);
    expect(events[0].event.type).toBe('ticket.opened');
    expect(events[events.length - 1].event.type).toBe('ticket.closed');
  });

  it('pauses on pending_customer and resumes, with the agent and a reason', () => {
    const updates = story('paused').filter((e) => e.event.type === 'ticket.updated').map((e) => e.event);
    expect(updates.map((u) => [u.status, u.actor, u.reason])).toEqual([
      ['pending_customer', 'agent-042', 'customer_info_requested'],
      ['in_progress', 'agent-042', 'customer_replied'],
    ]);
  });

  it('raises a priority with the actor and the reason, impact and urgency together', () => {
    const [raise] = story('reprioritized').filter((e) => e.event.type === 'ticket.updated').map((e) => e.event);
    expect(raise).toMatchObject({ impact: 1, urgency: 1, actor: 'agent-042', reason: 'impact_reassessed' });
  });

  it('reopens, then resolves and closes again', () => {
    expect(types(story('reopened'))).toEqual(['ticket.opened', 'ticket.responded', 'ticket.resolved', 'ticket.reopened', 'ticket.resolved', 'ticket.closed']);
  });

  it('spreads tickets over every establishment of the policy and every story, the same for the same seed', () => {
    const plan = () => new TrafficPlan({ policy, startAt: START, ticketsPerMinute: 6, seed: 7, runTag: 'T' });
    const events = plan().firstMinutes(10);
    expect(events).toEqual(plan().firstMinutes(10));
    const opened = events.filter((e) => e.event.type === 'ticket.opened').map((e) => e.event);
    expect(opened).toHaveLength(60);
    expect(new Set(opened.map((e) => e.tenantId))).toEqual(new Set(policy.tenants.keys()));
    for (const { event } of events) expect(parseTicketEvent(event).ok).toBe(true);
    expect(new Set(events.map((e) => e.event.type))).toEqual(new Set(['ticket.opened', 'ticket.updated', 'ticket.responded', 'ticket.resolved', 'ticket.reopened', 'ticket.closed']));
  });
});
