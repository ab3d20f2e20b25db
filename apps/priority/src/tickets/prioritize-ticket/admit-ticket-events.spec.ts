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

const message = (offset: number, value: string | null, key: string | null = 'chu-sainte-justine:T-1'): IncomingMessage => ({
  topic: 'tickets.events',
  partition: 0,
  offset: String(offset),
  key,
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
        message(14, JSON.stringify(event('e3', 'cisss-unknown')), 'cisss-unknown:T-1'),
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

  it("refuses a record whose key is not its event's tenantId:ticketId, or has none, rather than re-keying it", () => {
    const { admitted, refused } = admitTicketEvents(
      [
        message(20, JSON.stringify(event('e1')), 'ciusss-capitale-nationale:T-1'),
        message(21, JSON.stringify(event('e2')), 'chu-sainte-justine:T-2'),
        message(22, JSON.stringify(event('e3')), null),
        message(23, JSON.stringify(event('e4'))),
      ],
      policy,
    );
    expect(admitted.map((a) => a.event.eventId)).toEqual(['e4']);
    expect(refused.map((r) => [r.offset, r.code])).toEqual([
      ['20', 'MESSAGE.KEY_MISMATCH'],
      ['21', 'MESSAGE.KEY_MISMATCH'],
      ['22', 'MESSAGE.KEY_MISMATCH'],
    ]);
    expect(refused[0].detail).toMatch(/^the record has the key "ciusss-capitale-nationale:T-1", not "chu-sainte-justine:T-1"/);
    expect(refused[2].detail).toMatch(/^the record has no key, not "chu-sainte-justine:T-1"/);
  });

  it('admits nothing from an empty batch', () => {
    expect(admitTicketEvents([], policy)).toEqual({ admitted: [], refused: [] });
  });
});
