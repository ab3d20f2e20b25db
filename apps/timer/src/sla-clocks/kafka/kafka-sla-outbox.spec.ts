import { toKnownEvent } from '@stageplus/sla-engine';
import { JsonText, type EventPublisher, type TopicBatch } from '@stageplus/kafka';
import { extendEvents, toStored, type TicketRecord } from '../ticket-record/ticket-record';
import { KafkaSlaOutbox } from './kafka-sla-outbox';

const TOPICS = { escalations: 'esc', breaches: 'br', outcomes: 'out', state: 'state' };

/** The batches the outbox hands to its publisher (Kafka itself is the int specs' business). */
function capture(): { publisher: EventPublisher; sent: TopicBatch[][] } {
  const sent: TopicBatch[][] = [];
  const publisher = { publishBatch: async (batches: readonly TopicBatch[]) => void sent.push([...batches]) } as unknown as EventPublisher;
  return { publisher, sent };
}

describe('the changelog message of a ticket record', () => {
  const ref = { tenantId: 'chu-sainte-justine', ticketId: 'T-"é:42' };
  const known = (seq: number) =>
    toKnownEvent({ eventId: `e-${seq}`, type: seq === 0 ? 'ticket.opened' : 'ticket.updated', ...ref, occurredAt: '2026-06-23T15:10:00-04:00', ...(seq === 0 ? { impact: 2, urgency: 3 } : { status: 'assigned', actor: 'agent-ü' }) }, seq, 1_782_241_800_250 + seq);

  it('is the TimerStateRecord JSON, as UTF-8 bytes, for a short record and for a long one extended', async () => {
    const short: TicketRecord = { ref, events: [known(0)], fired: new Map(), armedAt: 1_782_245_400_000 };
    const long: TicketRecord = { ref, events: Array.from({ length: 9 }, (_, i) => known(i)), fired: new Map([['response:50', { firedAt: 1_782_241_800_000, late: true }]]), armedAt: null };
    const longer: TicketRecord = { ...long, events: [...extendEvents(long.events), known(9)] };
    const { publisher, sent } = capture();
    const outbox = new KafkaSlaOutbox(publisher, TOPICS);
    await outbox.publish(2, [], [{ ref, record: short }, { ref, record: long }, { ref, record: longer }, { ref, record: null }]);

    const state = sent[0].find((b) => b.topic === 'state')?.messages ?? [];
    const values = state.map((m) => (m.value === null ? null : JSON.parse(((m.value as JsonText).text as Buffer).toString('utf8'))));
    const expected = (record: TicketRecord) => ({ type: 'timer.state', v: 1, tenantId: ref.tenantId, ticketId: ref.ticketId, record: JSON.parse(JSON.stringify(toStored(record))) });
    expect(values).toEqual([expected(short), expected(long), expected(longer), null]);
    expect(state.every((m) => m.partition === 2 && m.key === `${ref.tenantId}:${ref.ticketId}`)).toBe(true);
  });
});
