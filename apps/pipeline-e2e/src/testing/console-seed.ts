import type { TicketEvent } from '@stageplus/contracts';
import { DateTime } from 'luxon';
import { ticketEvents as ticket } from '@stageplus/testing';
import type { Pipeline } from './pipeline';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Tickets that give the console something to show besides the one a test watches: a late
 * escalation, a breach, a paused ticket, business-hours tickets waiting for Monday, and closed
 * tickets over the last ten weeks for compliance (met and breached). Returns how many outcomes to expect,
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
  const closed = closedTickets(now);
  for (const events of closed) await pipeline.postOk(events);
  return { outcomes: closed.length, businessHours: live[5][0] };
}

/**
 * Whole lives of tickets on the Wednesdays of the ten weeks before `now`, in Montréal business
 * hours: two or three months of compliance, whatever the day the suite runs.
 */
function closedTickets(now: number): TicketEvent[][] {
  const lives: TicketEvent[][] = [];
  for (let week = 1; week <= 10; week++) {
    const wednesday = DateTime.fromMillis(now, { zone: 'America/Toronto' }).minus({ weeks: week }).set({ weekday: 3 }).startOf('day');
    for (const tenant of ['chu-sainte-justine', 'cisss-laval']) {
      const t = ticket(tenant);
      const at = (hour: number, minute: number, days = 0) => wednesday.plus({ days, hours: hour, minutes: minute }).toMillis();
      // Every third ticket answers late (P2: 2 h BASE, 1 h PLUS) and resolves two days later (P2: 2 j BASE, 1 j PLUS).
      const late = (week + (tenant === 'cisss-laval' ? 1 : 0)) % 3 === 0;
      lives.push([
        t.event('ticket.opened', at(9, 10), { impact: 1, urgency: 2 }),
        t.event('ticket.responded', late ? at(13, 40) : at(9, 35)),
        t.event('ticket.resolved', late ? at(15, 50, 2) : at(11, 20)),
        t.event('ticket.closed', late ? at(16, 10, 2) : at(11, 30)),
      ]);
    }
  }
  return lives;
}
