import type { TicketEvent } from '@stageplus/contracts';
import { createKafka } from '@stageplus/kafka';
import { brief, FAST_POLICY_PATH, testBrokers, ticketEvents as ticket } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { connectionEnv, topicEnv } from './testing/service-env';
import { slaCommand, type CommandRun } from './testing/sla-commands';

jest.setTimeout(90_000);

const THRESHOLDS = 8;

/** `sla partitions grow …` as an operator runs it, on the pipeline's topics, groups and prefix. */
function grow(pipeline: Pipeline, args: readonly string[]): Promise<CommandRun> {
  const env = {
    ...connectionEnv(),
    ...topicEnv({ id: pipeline.id, topics: pipeline.topics }),
    PRIORITY_GROUP_ID: `${pipeline.id}-priority`,
    TIMER_GROUP_ID: `${pipeline.id}-timer`,
    TIMER_REDIS_PREFIX: `${pipeline.id}:timer:`,
  };
  return slaCommand(['partitions', 'grow', ...args], env);
}

async function partitionCounts(topics: readonly string[]): Promise<number[]> {
  const admin = createKafka({ brokers: testBrokers().kafkaBrokers, clientId: 'e2e-partitions' }).admin();
  await admin.connect();
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
    return topics.map((t) => metadata.find((m) => m.name === t)?.partitions.length ?? 0);
  } finally {
    await admin.disconnect();
  }
}

describe('growing the partitions from 3 to 6 (sla partitions grow; test policy, 24x7 seconds)', () => {
  // Created with 3, as an install made before the default became 6.
  const pipeline = new Pipeline(FAST_POLICY_PATH, {}, { KAFKA_PARTITIONS: '3' });
  beforeAll(() => pipeline.start(), 60_000);
  afterAll(() => pipeline.stop());

  it('keeps every open ticket: its clocks answer, its thresholds fire once and on time, its next event finds its state', async () => {
    const { events, prioritized, timerState } = pipeline.topics;
    expect(await partitionCounts([events, prioritized, timerState])).toEqual([3, 3, 3]);
    const t0 = Date.now();
    const tickets = Array.from({ length: 24 }, () => ticket('tenant-a'));
    // P4: response 8 s, resolution 16 s: thresholds from 4 s to 24 s after opening, most after the restart.
    await pipeline.postOk(tickets.map((t) => t.event('ticket.opened', t0, { impact: 3, urgency: 3 })));
    for (const t of tickets) await pipeline.waitForScheduled('tenant-a', t.ticketId, THRESHOLDS, 10_000);

    // Intake first, then priority and the timer: everything accepted is consumed and committed.
    await pipeline.stopService('intake');
    await Promise.all([pipeline.stopService('priority'), pipeline.stopService('timer')]);
    const run = await grow(pipeline, ['--to', '6']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`${prioritized}: 3 -> 6 partitions`);
    const copied = Number(/(\d+) ticket records copied/.exec(run.stdout)?.[1]);
    expect(copied).toBeGreaterThan(0); // some tickets did move (about half of them)
    expect(await partitionCounts([events, prioritized, timerState])).toEqual([6, 6, 6]);
    // Again: nothing left to move.
    expect((await grow(pipeline, ['--to', '6'])).stdout).toContain('0 ticket records copied to their new partition, 0 tombstoned');
    expect((await grow(pipeline, ['--to', '4'])).stderr).toContain('PARTITIONS.SHRINK');

    await Promise.all((['intake', 'priority', 'timer'] as const).map((s) => pipeline.startService(s)));
    const restarted = Date.now();
    for (const t of tickets) {
      const response = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${t.ticketId}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
      expect([t.ticketId, response.status]).toEqual([t.ticketId, 200]);
    }
    await pipeline.recorder.waitFor(() => pipeline.fired().length >= tickets.length * THRESHOLDS, 40_000);

    const fired = pipeline.fired();
    const kinds = fired.map((m) => `${m.value.ticketId} ${m.value.clock}:${m.value.percent}`);
    expect(kinds).toHaveLength(tickets.length * THRESHOLDS);
    expect(new Set(kinds).size).toBe(tickets.length * THRESHOLDS);
    expect(fired.filter((m) => Date.parse(m.value.firedAt) < Date.parse(m.value.thresholdAt)).map((m) => `${m.value.ticketId} ${brief(m)}`)).toEqual([]);
    // What fell due after the restart fired on time; only what fell while the services were down is late.
    const dueAfter = fired.filter((m) => Date.parse(m.value.thresholdAt) > restarted + 1_000);
    expect(dueAfter.filter((m) => m.value.late).map((m) => `${m.value.ticketId} ${brief(m)}`)).toEqual([]);

    // A new event on each old ticket: the timer finds its state (what fired before the growth too).
    const closedAt = Date.now();
    await pipeline.postOk(tickets.map((t): TicketEvent => t.event('ticket.closed', closedAt)));
    await pipeline.recorder.waitFor(() => pipeline.outcomes().length >= tickets.length, 20_000);
    const outcomes = pipeline.outcomes().map((m) => m.value);
    for (const t of tickets) {
      const outcome = outcomes.find((o) => o.ticketId === t.ticketId);
      expect([t.ticketId, outcome?.openedAt, outcome?.clocks.response.fired, outcome?.clocks.resolution.fired, outcome?.clocks.resolution.status]).toEqual([
        t.ticketId,
        new Date(t0).toISOString(),
        [50, 75, 100, 150],
        [50, 75, 100, 150],
        'breached',
      ]);
    }
    expect(pipeline.outcomes()).toHaveLength(tickets.length);
  });
});
