import { toKnownEvent } from '@stageplus/sla-engine';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import type { TicketRecord } from '../ticket-record/ticket-record';
import { ticketSlaView } from './ticket-sla.view';

const policy = loadPolicyFile(FAST_POLICY_PATH);
const ref = { tenantId: 'tenant-a', ticketId: 'T-1' };
const T0 = Date.parse('2026-06-23T15:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const event = (n: number, type: 'ticket.opened' | 'ticket.updated' | 'ticket.responded', s: number, extra: object = {}) =>
  toKnownEvent({ eventId: `e${n}`, type, ...ref, occurredAt: at(s), receivedAt: at(s + 0.5), ...extra }, n);

describe('the SLA view of a ticket, for the console ticket page', () => {
  const record: TicketRecord = {
    ref,
    events: [
      event(0, 'ticket.opened', 0, { impact: 3, urgency: 3, status: 'new', actor: 'agent-1' }),
      event(1, 'ticket.updated', 1, { impact: 1, urgency: 1, actor: 'lead-2', reason: 'urgences bloquées' }),
      event(2, 'ticket.updated', 1.5, { actor: 'agent-1' }),
      event(3, 'ticket.responded', 2.5, { actor: 'agent-1' }),
      event(4, 'ticket.updated', 3, { status: 'pending_customer', actor: 'agent-1', reason: 'en attente du client' }),
      event(2, 'ticket.updated', 1.5, { actor: 'agent-1' }),
    ],
    fired: new Map([
      ['response:50', { firedAt: T0 + 1000, late: false }],
      ['response:cleared:1', { firedAt: T0 + 2500, late: false }],
      ['resolution:50', { firedAt: T0 + 2000, late: false }],
    ]),
    armedAt: null,
  };
  const view = ticketSlaView(record, { policy }, T0 + 4000);

  it('given a clearing mark, lists fired thresholds only and says which alerts are open or cleared', () => {
    expect(view?.fired).toEqual(['resolution:50', 'response:50']);
    expect(view?.alerts).toEqual({ response: 'cleared', resolution: 'open' });
  });

  it('given a threshold a correction withdrew, then it is pending until it fires again, a new alert', () => {
    const opened = { ...record, events: [event(0, 'ticket.opened', 0, { impact: 1, urgency: 1 })] };
    const withdrawn = new Map([
      ['response:50', { firedAt: T0 + 1000, late: false }],
      ['response:cleared:1', { firedAt: T0 + 1200, late: false }],
      ['response:50:withdrawn:1', { firedAt: T0 + 1200, late: false }],
    ]);
    const cleared = ticketSlaView({ ...opened, fired: withdrawn }, { policy }, T0 + 1500);
    expect(cleared?.clocks.response.thresholds[0]).toMatchObject({ percent: 50, state: 'pending' });
    expect([cleared?.fired, cleared?.alerts.response]).toEqual([['response:50'], 'cleared']);
    const again = ticketSlaView({ ...opened, fired: new Map([...withdrawn, ['response:50:2', { firedAt: T0 + 2000, late: false }]]) }, { policy }, T0 + 2100);
    expect(again?.clocks.response.thresholds[0]).toMatchObject({ percent: 50, state: 'fired', firedAt: at(2) });
    expect([again?.fired, again?.alerts.response]).toEqual([['response:50', 'response:50:2'], 'open']);
  });

  it('tells the history: opening, priority and status changes with who and why, the response; silent updates left out', () => {
    expect(view?.history).toEqual([
      {
        eventId: 'e0', type: 'ticket.opened', occurredAt: at(0), receivedAt: at(0.5), actor: 'agent-1', reason: null,
        priority: { from: null, to: 'P4', impact: 3, urgency: 3 }, status: { from: null, to: 'new' },
      },
      {
        eventId: 'e1', type: 'ticket.updated', occurredAt: at(1), receivedAt: at(1.5), actor: 'lead-2', reason: 'urgences bloquées',
        priority: { from: 'P4', to: 'P1', impact: 1, urgency: 1 },
      },
      { eventId: 'e3', type: 'ticket.responded', occurredAt: at(2.5), receivedAt: at(3), actor: 'agent-1', reason: null },
      {
        eventId: 'e4', type: 'ticket.updated', occurredAt: at(3), receivedAt: at(3.5), actor: 'agent-1', reason: 'en attente du client',
        status: { from: 'new', to: 'pending_customer' },
      },
    ]);
  });

  it('gives every folded event with what the fold reads, the silent updates too, so that a client can evaluate it again', () => {
    expect(view?.events).toEqual([
      { eventId: 'e0', type: 'ticket.opened', occurredAt: at(0), receivedAt: at(0.5), impact: 3, urgency: 3, status: 'new' },
      { eventId: 'e1', type: 'ticket.updated', occurredAt: at(1), receivedAt: at(1.5), impact: 1, urgency: 1 },
      { eventId: 'e2', type: 'ticket.updated', occurredAt: at(1.5), receivedAt: at(2) },
      { eventId: 'e3', type: 'ticket.responded', occurredAt: at(2.5), receivedAt: at(3) },
      { eventId: 'e4', type: 'ticket.updated', occurredAt: at(3), receivedAt: at(3.5), status: 'pending_customer' },
    ]);
  });
});
