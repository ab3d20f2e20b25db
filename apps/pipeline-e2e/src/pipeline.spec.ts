import { brief, FAST_POLICY_PATH, ticketEvents as ticket } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';

jest.setTimeout(120_000);

describe('the pipeline end to end: HTTP in, intake → priority → timer, SLA events out (test policy, 24x7 seconds)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  it('turns a posted ticket.opened into escalations at 50 and 75 %, a breach at 100 % and level 3 at 150 %, each once, on time', async () => {
    const t = ticket('tenant-a');
    const openedAt = Date.now();
    await pipeline.postOk(t.event('ticket.opened', openedAt, { impact: 1, urgency: 1 })); // P1: 2 s / 4 s
    await pipeline.recorder.waitFor(() => pipeline.fired(t.ticketId).length >= 8, 30_000);
    const sentinel = ticket('tenant-a');
    await pipeline.postOk(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await pipeline.recorder.waitFor(() => pipeline.fired(sentinel.ticketId).length >= 8, 30_000);
    const fired = pipeline.fired(t.ticketId);
    expect(fired.map(brief).sort()).toEqual(
      ['response:50', 'response:75', 'response:100', 'response:150', 'resolution:50', 'resolution:75', 'resolution:100', 'resolution:150'].sort(),
    );
    for (const m of fired) {
      const lateness = m.receivedAt - Date.parse(m.value.thresholdAt);
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(1000);
    }
    expect(fired.filter((m) => m.topic === pipeline.topics.breaches).map((m) => m.value.type)).toEqual(['sla.breached', 'sla.breached']);
  });

  it('keeps every pending threshold when the timer is killed and restarted: each still fires once', async () => {
    const t = ticket('tenant-a');
    const openedAt = Date.now();
    await pipeline.postOk(t.event('ticket.opened', openedAt, { impact: 2, urgency: 3 })); // P3: 6 s / 12 s
    await pipeline.waitForScheduled('tenant-a', t.ticketId, 8); // the timer holds its 8 jobs: kill it now
    await pipeline.kill('timer');
    await pipeline.startService('timer');
    await pipeline.recorder.waitFor(() => pipeline.fired(t.ticketId).some((m) => brief(m) === 'resolution:150'), 40_000);
    const ids = pipeline.fired(t.ticketId).map((m) => m.value.eventId);
    expect(new Set(ids).size).toBe(8);
    expect(ids).toHaveLength(8);
  });
});
