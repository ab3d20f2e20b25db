import { toKnownEvent } from '@stageplus/sla-engine';
import { loadPolicyFile } from '@stageplus/sla-policy';
import { FAST_POLICY_PATH } from '@stageplus/testing';
import type { FiredMark, TicketRecord } from '../ticket-record/ticket-record';
import { atRiskItem } from './at-risk.item';

const policy = loadPolicyFile(FAST_POLICY_PATH); // BASE P1: response 2 s, resolution 4 s, 24x7
const T0 = Date.parse('2026-06-23T15:00:00Z');
const ref = { tenantId: 'tenant-a', ticketId: 'T-1' };
const at = (ms: number) => new Date(T0 + ms).toISOString();
const opened = toKnownEvent({ eventId: 'e1', type: 'ticket.opened', ...ref, occurredAt: at(0), impact: 1, urgency: 1 }, 0);
const record = (fired: string[], events = [opened]): TicketRecord => ({
  ref,
  events,
  fired: new Map(fired.map((k): [string, FiredMark] => [k, { firedAt: T0, late: false }])),
  armedAt: null,
});

describe('a line of the at-risk board', () => {
  it('given a clock past its deadline with 150 % still to fire, then it is breached and its next threshold is that one', () => {
    const item = atRiskItem(record(['response:50', 'response:75', 'response:100', 'resolution:50', 'resolution:75']), 'running', { policy }, T0 + 2_900);
    expect(item).toMatchObject({
      clock: 'response',
      status: 'breached',
      next: { clock: 'response', percent: 150, event: 'sla.escalated', level: 3, at: at(3_000) },
      dueAt: at(2_000),
      elapsedMs: 2_900,
      remainingMs: 0,
    });
  });

  it('given a clearing mark among the fired ones, then it is not taken for a threshold', () => {
    const item = atRiskItem(record(['response:50', 'response:cleared:1']), 'running', { policy }, T0 + 1_200);
    expect(item?.next).toMatchObject({ clock: 'response', percent: 75 });
  });

  it('given nothing left to fire, then next is null and the figures are the resolution clock', () => {
    const all = ['response', 'resolution'].flatMap((c) => [50, 75, 100, 150].map((p) => `${c}:${p}`));
    expect(atRiskItem(record(all), 'running', { policy }, T0 + 7_000)).toMatchObject({ clock: 'resolution', next: null, status: 'breached' });
  });

  it('given a ticket waiting on the customer, then the paused board shows its resolution clock held since the pause', () => {
    const pause = toKnownEvent({ eventId: 'e2', type: 'ticket.updated', ...ref, occurredAt: at(1_000), status: 'pending_customer' }, 1);
    const item = atRiskItem(record(['response:50'], [opened, pause]), 'paused', { policy }, T0 + 1_500);
    expect(item).toMatchObject({ clock: 'resolution', status: 'paused', dueAt: null, elapsedMs: 1_000, pausedSince: at(1_000) });
  });

  it('given a closed ticket or one not opened yet, then it has no line', () => {
    const closed = toKnownEvent({ eventId: 'e3', type: 'ticket.closed', ...ref, occurredAt: at(500) }, 1);
    expect(atRiskItem(record([], [opened, closed]), 'running', { policy }, T0 + 1_000)).toBeNull();
    const update = toKnownEvent({ eventId: 'e4', type: 'ticket.updated', ...ref, occurredAt: at(0), status: 'new' }, 0);
    expect(atRiskItem(record([], [update]), 'running', { policy }, T0 + 1_000)).toBeNull();
  });
});
