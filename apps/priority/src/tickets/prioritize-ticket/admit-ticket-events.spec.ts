import type { TicketEvent } from '@stageplus/contracts';
import type { IncomingMessage } from '@stageplus/kafka';
import { parsePolicy } from '@stageplus/sla-policy';
import { strictPolicyText } from '../../testing/strict-policy';
import { admitTicketEvents } from './admit-ticket-events';

const policy = parsePolicy(strictPolicyText(), 'strict-policy.yaml');

const event = (eventId: string, tenantId = 'chu-sainte-justine'): TicketEvent => ({
  eventId,
  type: 'ticket.opened',
  tenantId,
  ticketId: 'T-1',
  occurredAt: '2026-06-23T15:10:00-04:00',
  impact: 2,
  urgency: 2,
});

const message = (offset: number, value: string | null): IncomingMessage => ({
  topic: 'tickets.events',
  partition: 0,
  offset: String(offset),
  key: 'chu-sainte-justine:T-1',
  value,
  headers: {},
  timestamp: '0',
});

describe('admitting a batch of ticket events', () => {
  it('keeps the valid events in batch order and refuses each bad message with its stable code', () => {
    const { admitted, refused } = admitTicketEvents(
      [
        message(10, JSON.stringify(event('e1'))),
        message(11, '{"eventId": '),
        message(12, null),
        message(13, JSON.stringify({ ...event('e2'), impact: 9 })),
        message(14, JSON.stringify(event('e3', 'cisss-unknown'))),
        message(15, JSON.stringify(event('e4'))),
      ],
      policy,
    );
    expect(admitted.map((a) => [a.offset, a.event.eventId])).toEqual([
      ['10', 'e1'],
      ['15', 'e4'],
    ]);
    expect(refused.map((r) => [r.offset, r.code])).toEqual([
      ['11', 'MESSAGE.NOT_JSON'],
      ['12', 'MESSAGE.EMPTY'],
      ['13', 'EVENT.INVALID'],
      ['14', 'POLICY.UNKNOWN_TENANT'],
    ]);
    expect(refused[2].detail).toBe('impact: must be an integer from 1 to 4');
  });

  it('admits nothing from an empty batch', () => {
    expect(admitTicketEvents([], policy)).toEqual({ admitted: [], refused: [] });
  });
});
