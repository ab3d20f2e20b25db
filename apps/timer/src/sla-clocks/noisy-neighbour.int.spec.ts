import { atInstant, pace, ticketEvents } from '@stageplus/testing';
import type { TicketEvent } from '@stageplus/contracts';
import { TimerHarness } from '../testing/timer-harness';

jest.setTimeout(60_000);

const TICK_MS = 100;
const TICKS = 60; // 6 s of traffic
const LOUD_PER_TICK = 4; // 40 tickets/s
const QUIET_EVERY = 5; // one ticket every 500 ms: 2/s, the loud tenant posting 20 times as many

/**
 * A noisy neighbour: one tenant opens tickets at 20 times another's rate, all of them P1 (test policy: thresholds 1 to 6 s after opening), so the quiet tenant's
 * thresholds fall due while the loud one's batches and firings share the partitions, the keeper
 * and Redis. Every threshold of both fires exactly once and none early. How late is a figure,
 * printed, not asserted: a timed assertion fails on a loaded host (CI runs projects side by side:
 * 1,171 ms once against 164-628 ms alone); the firing goal is judged by the benches, each against
 * raw BullMQ in the same run.
 */
describe('a quiet tenant beside a loud one', () => {
  const timer = new TimerHarness();
  beforeAll(() => timer.start());
  afterAll(() => timer.stop());

  it("fires each threshold of a quiet tenant and of one posting 20 times its rate exactly once, none early, and reports how late", async () => {
    const quiet: string[] = [];
    const loud: string[] = [];
    const started = Date.now();
    for (let tick = 0; tick < TICKS; tick++) {
      const now = Date.now();
      const batch: TicketEvent[] = [];
      for (let i = 0; i < LOUD_PER_TICK; i++) {
        const t = ticketEvents('tenant-loud');
        loud.push(t.ticketId);
        batch.push(t.event('ticket.opened', now, { impact: 1, urgency: 1 }));
      }
      if (tick % QUIET_EVERY === 0) {
        const t = ticketEvents('tenant-quiet');
        quiet.push(t.ticketId);
        batch.push(t.event('ticket.opened', now, { impact: 1, urgency: 1 }));
      }
      await timer.send(...batch);
      const next = started + (tick + 1) * TICK_MS;
      await atInstant(next);
    }
    const ofTenant = (tenantId: string) => timer.fired().filter((m) => m.value.tenantId === tenantId);
    await timer.recorder.waitFor(() => ofTenant('tenant-quiet').length >= quiet.length * 8 && ofTenant('tenant-loud').length >= loud.length * 8, 30_000);
    await pace(500); // a duplicate would come after the original

    const fired = ofTenant('tenant-quiet');
    expect(fired).toHaveLength(quiet.length * 8);
    expect(new Set(fired.map((m) => m.value.eventId)).size).toBe(fired.length);
    for (const id of quiet) expect(timer.fired(id)).toHaveLength(8);
    const lags = fired.map((m) => Date.parse(m.value.firedAt) - Date.parse(m.value.thresholdAt)).sort((a, b) => a - b);
    const p99 = lags[Math.ceil(lags.length * 0.99) - 1];
    expect(lags[0]).toBeGreaterThanOrEqual(0);
    const loudFired = ofTenant('tenant-loud');
    expect(new Set(loudFired.map((m) => m.value.eventId)).size).toBe(loud.length * 8);
    expect(loudFired).toHaveLength(loud.length * 8);
    const loudLags = loudFired.map((m) => Date.parse(m.value.firedAt) - Date.parse(m.value.thresholdAt)).sort((a, b) => a - b);
    process.stderr.write(
      `noisy neighbour: ${loud.length} loud tickets, ${quiet.length} quiet; firedAt − thresholdAt p50/p99/max: quiet ${lags[Math.floor(lags.length / 2)]}/${p99}/${lags[lags.length - 1]} ms, ` +
        `loud ${loudLags[Math.floor(loudLags.length / 2)]}/${loudLags[Math.ceil(loudLags.length * 0.99) - 1]}/${loudLags[loudLags.length - 1]} ms\n`,
    );
  });
});
