import type { TicketEvent } from '@stageplus/contracts';

/** One delivery of an event: what is posted, and when (ms since epoch). */
export interface Delivery {
  readonly postAt: number;
  readonly event: TicketEvent;
}

const kinds = ['pause', 'resume', 'raise', 'lower', 'respond', 'resolve', 'reopen', 'close'] as const;

/**
 * A randomized, seeded log of `tickets` tickets for the live-versus-replay test. Tickets open on
 * whole seconds after `start`, every other event falls on a half second, and the grid policy's
 * thresholds fall on whole seconds after the opening (pauses and reopens last whole seconds), so
 * no event is processed within half a second of a threshold: the live system's latency cannot
 * change which thresholds are late. Some events are delivered late (out of order), some twice.
 * No two deliveries of one ticket share an instant (a late one is moved a whole second later):
 * posted together, the live system may decide them in one batch or in two, and what a clear
 * carries (the priority known when it is decided) would depend on that, where replay always
 * decides an instant's events together.
 *
 * Some closes come with the family of issue 16: an update that occurred after the close,
 * delivered on time, and a priority change that occurred before the close, delivered after both
 * (the close itself sometimes late too).
 */
export function randomLiveLog(start: number, tickets: number, seed: number): Delivery[] {
  let state = seed >>> 0;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const level = () => (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
  const deliveries: Delivery[] = [];
  for (let i = 0; i < tickets; i++) {
    const tenantId = i % 2 === 0 ? 'tenant-a' : 'tenant-b';
    const ticketId = `R${seed}-${i}`;
    const openedAt = start + (1 + Math.floor(random() * 8)) * 1000;
    let n = 0;
    const taken = new Set<number>();
    /** `at`, or the first whole number of seconds after it that no delivery of this ticket has taken. */
    const freeFrom = (at: number): number => {
      let postAt = at;
      while (taken.has(postAt)) postAt += 1000;
      taken.add(postAt);
      return postAt;
    };
    /** Delivers an event that occurred at `at`, `delay` later (default: none, or 1-2 s late in 15 %). */
    const deliver = (type: TicketEvent['type'], at: number, extra: Partial<TicketEvent> = {}, delay?: number): number => {
      const event: TicketEvent = { eventId: `${ticketId}-${++n}`, type, tenantId, ticketId, occurredAt: new Date(at).toISOString(), ...extra };
      const late = delay ?? (type !== 'ticket.opened' && random() < 0.15 ? (1 + Math.floor(random() * 2)) * 1000 : 0);
      const postAt = freeFrom(at + late);
      deliveries.push({ postAt, event });
      if (random() < 0.1) deliveries.push({ postAt: freeFrom(postAt + 1000), event });
      return postAt;
    };
    deliver('ticket.opened', openedAt, { impact: level(), urgency: level() });
    let second = 0;
    const steps = Math.floor(random() * 5);
    for (let s = 0; s < steps; s++) {
      second += Math.floor(random() * 3);
      const at = openedAt + second * 1000 + 500;
      second += 1;
      const kind = pick(kinds);
      if (kind === 'pause') deliver('ticket.updated', at, { status: 'pending_customer' });
      else if (kind === 'resume') deliver('ticket.updated', at, { status: 'in_progress' });
      else if (kind === 'raise') deliver('ticket.updated', at, { impact: 1, urgency: 1 });
      else if (kind === 'lower') deliver('ticket.updated', at, { impact: 4, urgency: 4 });
      else if (kind === 'respond') deliver('ticket.responded', at);
      else if (kind === 'resolve') deliver('ticket.resolved', at);
      else if (kind === 'reopen') deliver('ticket.reopened', at);
      else if (random() < 0.5) deliver('ticket.closed', at);
      else {
        // The late-around-close family: the change before the close arrives after the one after it.
        const closedPost = deliver('ticket.closed', at);
        const afterPost = deliver('ticket.updated', at + (1 + Math.floor(random() * 3)) * 1000, { impact: level(), urgency: level() }, 0);
        const before = Math.max(openedAt + 500, at - (1 + Math.floor(random() * 3)) * 1000);
        const arrival = Math.max(closedPost, afterPost) + (1 + Math.floor(random() * 3)) * 1000;
        deliver('ticket.updated', before, { impact: level(), urgency: level() }, arrival - before);
      }
    }
  }
  return deliveries.sort((a, b) => a.postAt - b.postAt);
}
