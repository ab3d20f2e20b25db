import type { TicketEvent } from '@stageplus/contracts';
import { ticketEvents as ticket } from '@stageplus/testing';
import type { Pipeline } from './pipeline';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Tickets that give the console something to show besides the one a test watches: a late
 * escalation, a breach, a paused ticket, business-hours tickets waiting for Monday, and closed
 * tickets over three months for compliance (met and breached). Returns how many outcomes to expect,
 * and the opening of a ticket on Laval's business hours opened a day ago (nights, a weekend maybe).
 */
export async function seedConsole(pipeline: Pipeline, now: number): Promise<{ outcomes: number; businessHours: TicketEvent }> {
  const open = (tenant: string, ago: number, impact: 1 | 2 | 3 | 4, urgency: 1 | 2 | 3 | 4, more: (t: ReturnType<typeof ticket>) => TicketEvent[] = () => []) => {
    const t = ticket(tenant);
    return [t.event('ticket.opened', now - ago, { impact, urgency }), ...more(t)];
  };
  const live = [
    open('chu-sainte-justine', 20 * MIN, 1, 1),
    open('chu-sainte-justine', 40 * MIN, 1, 1),
    open('chu-sainte-justine', 10 * MIN, 1, 1, (t) => [t.event('ticket.updated', now - 5 * MIN, { status: 'pending_customer', actor: 'agent-12', reason: 'customer_info_requested' })]),
    open('chu-sainte-justine', 2 * HOUR, 1, 2),
    open('cisss-laval', 3 * HOUR, 2, 3),
    open('cisss-laval', 26 * HOUR, 1, 2),
  ];
  for (const events of live) await pipeline.postOk(events);
  const closed = closedTickets();
  for (const events of closed) await pipeline.postOk(events);
  return { outcomes: closed.length, businessHours: live[5][0] };
}

/** Whole lives of tickets in September to November 2026, in Montréal business hours. */
function closedTickets(): TicketEvent[][] {
  const lives: TicketEvent[][] = [];
  const days = ['2026-09-08', '2026-09-16', '2026-09-23', '2026-10-06', '2026-10-14', '2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18'];
  days.forEach((day, i) => {
    for (const tenant of ['chu-sainte-justine', 'cisss-laval']) {
      const t = ticket(tenant);
      const offset = day >= '2026-11-01' ? '-05:00' : '-04:00';
      const at = (hhmm: string, days = 0) => Date.parse(`${day}T${hhmm}:00${offset}`) + days * 86_400_000;
      // Every third ticket answers late (P2: 2 h BASE, 1 h PLUS) and resolves two days later (P2: 2 j BASE, 1 j PLUS).
      const late = (i + (tenant === 'cisss-laval' ? 1 : 0)) % 3 === 0;
      lives.push([
        t.event('ticket.opened', at('09:10'), { impact: 1, urgency: 2 }),
        t.event('ticket.responded', at(late ? '13:40' : '09:35')),
        t.event('ticket.resolved', late ? at('15:50', 2) : at('11:20')),
        t.event('ticket.closed', late ? at('16:10', 2) : at('11:30')),
      ]);
    }
  });
  return lives;
}
