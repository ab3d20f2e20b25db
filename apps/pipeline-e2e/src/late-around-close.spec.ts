import type { TicketEvent } from '@stageplus/contracts';
import { LATE_CLOSE_POLICY_PATH } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { expectLiveAsReplay, postInRealTime, replayDeliveries } from './testing/live-as-replay';
import type { Delivery } from './testing/random-live-log';

jest.setTimeout(180_000);

/**
 * Issue 16's two histories, posted in real time through the three services: a priority change
 * that occurred before the close arrives after it, behind an update that occurred after the close
 * (which changes nothing). Instants in seconds from the opening; `[occurred, arrives]`.
 */
type Step = [type: TicketEvent['type'], occurred: number, arrives: number, extra?: Partial<TicketEvent>];

const wrongPriority: Step[] = [
  ['ticket.opened', 0, 0, { impact: 4, urgency: 2 }], // P4: response 56 s
  ['ticket.closed', 38.9, 38.9],
  ['ticket.updated', 46.8, 46.8, { impact: 4, urgency: 1 }], // P3, after the close: changes nothing
  ['ticket.updated', 34.8, 51.5, { impact: 1, urgency: 3 }], // P2, before the close, arriving late
];
const missingAlerts: Step[] = [
  ['ticket.opened', 0, 0, { impact: 3, urgency: 2 }], // P3: response 48 s, resolution 96 s
  ['ticket.closed', 44.9, 44.9],
  ['ticket.updated', 53.6, 53.6, { impact: 3, urgency: 3 }],
  ['ticket.updated', 39.6, 60.5, { impact: 1, urgency: 1 }], // P1: response 32 s, resolution 72 s
];

function deliveries(ticketId: string, openedAt: number, steps: readonly Step[]): Delivery[] {
  return steps.map(([type, occurred, arrives, extra], i) => ({
    postAt: openedAt + arrives * 1000,
    event: { eventId: `${ticketId}-${i}`, type, tenantId: 'tenant-a', ticketId, occurredAt: new Date(openedAt + occurred * 1000).toISOString(), ...extra },
  }));
}

describe('a late priority change meets a close (issue 16), through the real services', () => {
  const pipeline = new Pipeline(LATE_CLOSE_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  it('fires as replay does: the late change counts at its own instant, the update after the close at none', async () => {
    const openedAt = Math.ceil((Date.now() + 2_000) / 1000) * 1000;
    const wrong = `LC-${openedAt}-1`;
    const missing = `LC-${openedAt}-2`;
    const log = [...deliveries(wrong, openedAt, wrongPriority), ...deliveries(missing, openedAt, missingAlerts)].sort((a, b) => a.postAt - b.postAt);
    const replayed = replayDeliveries(log, LATE_CLOSE_POLICY_PATH);
    const at = (s: number) => new Date(openedAt + s * 1000).toISOString();
    const brief = (ticketId: string) =>
      replayed.fired.filter((f) => f.ticketId === ticketId).map((f) => `${f.clock}:${f.percent} ${f.priority} @${f.thresholdAt}${f.late ? ` late, fired ${f.firedAt}` : ''}`);
    // What the issue's oracle expects, spelled out (replay computes it from the same arrivals).
    expect(brief(wrong)).toEqual([`response:50 P4 @${at(28)}`, `response:75 P2 @${at(30)} late, fired ${at(51.5)}`]);
    expect(brief(missing)).toEqual([
      `response:50 P3 @${at(24)}`,
      `response:75 P3 @${at(36)}`,
      `response:100 P1 @${at(32)} late, fired ${at(60.5)}`,
      `resolution:50 P1 @${at(36)} late, fired ${at(60.5)}`,
    ]);
    expect(replayed.cleared.filter((c) => c.ticketId === wrong).map((c) => `${c.clock} ${c.priority} ${c.reason}`)).toEqual([
      'response P4 closed',
      'response P2 closed',
    ]);
    expect(replayed.outcomes.map((o) => `${o.ticketId === wrong ? 'wrong' : 'missing'} ${o.priority}`).sort()).toEqual(['missing P1', 'wrong P2']);

    await postInRealTime(pipeline, log);
    await expectLiveAsReplay(pipeline, replayed);
    // The SLA view agrees too: the ticket closed at the priority of the late change.
    const view = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${wrong}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
    expect(((await view.json()) as { priority: string }).priority).toBe('P2');
  });
});
