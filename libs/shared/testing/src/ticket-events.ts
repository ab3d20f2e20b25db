import type { SlaNotification, TicketEvent } from '@stageplus/contracts';
import type { RecordedMessage } from './topic-recorder';
import { uniqueName } from './unique-names';

/** One ticket's events with ids unique to the run: `t.event('ticket.opened', at, { impact: 1, urgency: 1 })`. */
export function ticketEvents(tenantId: string, ticketId = uniqueName('T')) {
  let n = 0;
  return {
    ticketId,
    event(type: TicketEvent['type'], at: number, extra: Partial<TicketEvent> = {}): TicketEvent {
      return { eventId: `${ticketId}-${++n}`, type, tenantId, ticketId, occurredAt: new Date(at).toISOString(), ...extra };
    },
  };
}

/** `response:50`, `resolution:100:late`: a fired threshold as tests compare them. */
export const brief = (m: RecordedMessage<SlaNotification>): string =>
  `${m.value.clock}:${m.value.percent}${m.value.late ? ':late' : ''}`;
