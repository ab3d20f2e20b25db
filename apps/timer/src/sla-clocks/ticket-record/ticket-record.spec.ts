import { toKnownEvent } from '@stageplus/sla-engine';
import { decodeRecord, encodeRecord, extendEvents, toStored, type TicketRecord } from './ticket-record';

const ref = { tenantId: 'chu-sainte-justine', ticketId: 'T-1001' };
const known = (type: 'ticket.opened' | 'ticket.updated', seq: number, extra = {}) =>
  toKnownEvent({ eventId: `e-${seq}`, type, ...ref, occurredAt: '2026-06-23T15:10:00-04:00', ...extra }, seq, Date.parse('2026-06-23T19:10:00.250Z'));

describe('the compact ticket record', () => {
  it('round-trips events, fired thresholds and the armed instant, with arrival order as the tie-break', () => {
    const record: TicketRecord = {
      ref,
      events: [known('ticket.opened', 0, { impact: 2, urgency: 3 }), known('ticket.updated', 1, { status: 'pending_customer', reason: 'awaiting_client', actor: 'agent-7' })],
      fired: new Map([['response:50', { firedAt: 1_782_241_800_000, late: true }]]),
      armedAt: 1_782_245_400_000,
    };
    expect(decodeRecord(ref, encodeRecord(record))).toEqual(record);
  });

  it("reads a record written when the timer still kept the priority service's stamp, without the stamp", () => {
    const stored = '{"e":[["e-0",0,1782241800000,1782241800250,2,3,null,null,null,"P1/PLUS"]],"a":1782245400000}';
    expect(decodeRecord(ref, stored).events).toEqual([known('ticket.opened', 0, { impact: 2, urgency: 3 })]);
  });

  it('stays under 100 bytes for a ticket with its opening event', () => {
    const record: TicketRecord = { ref, events: [known('ticket.opened', 0, { impact: 2, urgency: 3 })], fired: new Map(), armedAt: 1_782_245_400_000 };
    expect(Buffer.byteLength(encodeRecord(record))).toBeLessThan(100);
  });

  it('encodes a record whose events extend an encoded one as the whole record would be, step after step', () => {
    const opening = [known('ticket.opened', 0, { impact: 2, urgency: 3 }), ...Array.from({ length: 7 }, (_, i) => known('ticket.updated', i + 1, { status: 'assigned' }))];
    let record: TicketRecord = { ref, events: opening, fired: new Map(), armedAt: null };
    encodeRecord(record);
    for (let step = 1; step <= 4; step++) {
      const events = extendEvents(record.events);
      for (let i = 0; i < step - 1; i++) events.push(known('ticket.updated', events.length, { status: `s"]}-${step}`, actor: 'agent-7' }));
      const fired = new Map(record.fired).set(`response:${step * 25}`, { firedAt: 1_782_241_800_000 + step, late: step % 2 === 0 });
      record = { ...record, events, fired, armedAt: step === 4 ? null : 1_782_245_400_000 + step };
      expect(encodeRecord(record)).toBe(JSON.stringify(toStored(record)));
      expect(decodeRecord(ref, encodeRecord(record))).toEqual(record);
    }
  });
});
