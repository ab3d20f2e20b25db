import { brief, FAST_POLICY_PATH, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { DEFAULT_PARTITIONS } from '@stageplus/kafka';

jest.setTimeout(180_000);

const owned = async (pipeline: Pipeline, instance: 'timer' | 'timer#2'): Promise<number[]> => {
  const response = await fetch(`${pipeline.url(instance)}/health/ready`);
  return ((await response.json()) as { partitions?: number[] }).partitions ?? [];
};

describe('two timers in one group (test policy, 24x7 seconds)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  beforeAll(async () => {
    await pipeline.start();
    await pipeline.startService('timer#2');
  }, 120_000);
  afterAll(() => pipeline.stop());

  it('share the partitions; after kill -9 of one, the other takes over its tickets and every threshold fires once', async () => {
    await waitUntil(
      async () => {
        const [a, b] = [await owned(pipeline, 'timer'), await owned(pipeline, 'timer#2')];
        return a.length > 0 && b.length > 0 && new Set([...a, ...b]).size === DEFAULT_PARTITIONS ? true : undefined;
      },
      60_000,
      'both timers owning partitions',
    );
    const victim = (await owned(pipeline, 'timer')).length > 0 ? 'timer' : 'timer#2';
    const survivor = victim === 'timer' ? 'timer#2' : 'timer';
    const t0 = Date.now();
    const tickets = Array.from({ length: 90 }, () => ticket('tenant-a'));
    // P3: response 6 s, resolution 12 s: the first thresholds fall 3 s after opening.
    await pipeline.postOk(tickets.map((t) => t.event('ticket.opened', t0, { impact: 2, urgency: 3 })));
    for (const t of tickets) await pipeline.waitForScheduled('tenant-a', t.ticketId, 8, 20_000);

    await pipeline.kill(victim);
    await waitUntil(async () => ((await owned(pipeline, survivor)).length === DEFAULT_PARTITIONS ? true : undefined), 60_000, `${survivor} owning every partition`);
    await pipeline.recorder.waitFor(() => pipeline.fired().length >= tickets.length * 8, 60_000);
    const sentinel = ticket('tenant-a');
    await pipeline.postOk(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await pipeline.recorder.waitFor(() => pipeline.fired(sentinel.ticketId).length >= 8, 30_000);

    const fired = pipeline.fired().filter((m) => m.value.ticketId !== sentinel.ticketId);
    expect(fired).toHaveLength(tickets.length * 8);
    expect(new Set(fired.map((m) => m.value.eventId)).size).toBe(tickets.length * 8);
    expect(fired.filter((m) => m.value.late).map((m) => `${m.value.ticketId} ${brief(m)}`)).toEqual([]);
    expect(pipeline.fullLogs(survivor)).toMatch(/caught up|timer state/);
  });
});
