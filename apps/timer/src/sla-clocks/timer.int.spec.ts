import { brief, ticketEvents, TopicRecorder, waitUntil } from '@stageplus/testing';
import { TimerHarness } from '../testing/timer-harness';

jest.setTimeout(60_000);

describe('the timer service, on the real broker and Redis (test policy: BASE P1 response 2 s, resolution 4 s, 24x7)', () => {
  const timer = new TimerHarness();
  beforeAll(() => timer.start());
  afterAll(() => timer.stop());

  it('fires escalations at 50 and 75 %, the breach at 100 % and level 3 at 150 %, each once and within a second', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const openedAt = Date.now();
    await timer.send(event('ticket.opened', openedAt, { impact: 1, urgency: 1 }));
    await timer.recorder.waitFor(() => timer.fired(ticketId).length >= 8, 20_000);
    const fired = timer.fired(ticketId);
    expect(fired.map(brief).sort()).toEqual(
      ['resolution:50', 'resolution:75', 'resolution:100', 'resolution:150', 'response:50', 'response:75', 'response:100', 'response:150'].sort(),
    );
    const expected: Record<string, number> = {
      'response:50': 1000, 'response:75': 1500, 'response:100': 2000, 'response:150': 3000,
      'resolution:50': 2000, 'resolution:75': 3000, 'resolution:100': 4000, 'resolution:150': 6000,
    };
    for (const m of fired) {
      expect(Date.parse(m.value.thresholdAt)).toBe(openedAt + expected[brief(m)]);
      expect(m.receivedAt - Date.parse(m.value.thresholdAt)).toBeLessThan(1000);
      expect(m.value.late).toBe(false);
    }
    const breach = fired.find((m) => m.value.clock === 'response' && m.value.percent === 100)?.value;
    expect(breach).toMatchObject({ type: 'sla.breached', level: null, priority: 'P1', plan: 'BASE', eventId: `sla:tenant-a:${ticketId}:response:100` });
    expect(breach?.message.fr).toContain('dépassé');
    expect(breach?.message.en).toContain('breached');
    expect(timer.recorder.of(timer.config.topics.slaBreaches)).toHaveLength(2);
    await waitForPending(timer, { tenantId: 'tenant-a', ticketId }, 0); // the last job completes after its event
  });

  it('given a response before 50 %, fires nothing for the response clock; a resolution removes the pending resolution jobs', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const ref = { tenantId: 'tenant-a', ticketId };
    const t0 = Date.now();
    await timer.send(event('ticket.opened', t0, { impact: 2, urgency: 2 }), event('ticket.responded', t0 + 100)); // P2: 4 s / 8 s
    await timer.recorder.waitFor(() => timer.fired(ticketId).some((m) => brief(m) === 'resolution:50'), 15_000);
    await waitForPending(timer, ref, 3); // the 50 % job completes just after its event
    expect((await timer.scheduled(ref.tenantId, ref.ticketId))?.sort()).toEqual(['resolution:100', 'resolution:150', 'resolution:75']);
    await timer.send(event('ticket.resolved', Date.now()));
    await waitForPending(timer, ref, 0);
    const sentinel = ticketEvents('tenant-a');
    await timer.send(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await timer.recorder.waitFor(() => timer.fired(sentinel.ticketId).some((m) => brief(m) === 'resolution:100'), 15_000);
    expect(timer.fired(ticketId).map(brief)).toEqual(['resolution:50']);
  });

  it('answers the current clocks with deadlines, remaining time and segments', async () => {
    const { ticketId, event } = ticketEvents('tenant-b');
    const t0 = Date.now();
    await timer.send(event('ticket.opened', t0, { impact: 4, urgency: 4 })); // P4: 8 s / 16 s
    const body = await waitForSla(timer, 'tenant-b', ticketId);
    expect(body.priority).toBe('P4');
    expect(body.clocks.response.dueAt).toBe(new Date(t0 + 8000).toISOString());
    expect(body.clocks.response.segments[0].kind).toBe('running');
    expect(body.scheduled.map((s: { threshold: string }) => s.threshold)).toContain('response:50');
    const missing = await timer.getSla('tenant-b', 'nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await timer.getSla('tenant-b', ticketId, 'wrong-key-0123456789')).status).toBe(401);
  });
});

describe('the timer service reschedules on pause, priority change and reopen', () => {
  const timer = new TimerHarness();
  beforeAll(() => timer.start());
  afterAll(() => timer.stop());

  it('given a pause then a resume, shifts the resolution thresholds by the paused time', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const t0 = Date.now();
    // P2: resolution 8 s; paused from +1 s to +3 s -> 50 % at +6 s instead of +4 s
    await timer.send(
      event('ticket.opened', t0, { impact: 2, urgency: 2 }),
      event('ticket.responded', t0 + 10),
      event('ticket.updated', t0 + 1000, { status: 'pending_customer' }),
      event('ticket.updated', t0 + 3000, { status: 'in_progress' }),
    );
    await timer.recorder.waitFor(() => timer.fired(ticketId).length >= 1, 15_000);
    const [first] = timer.fired(ticketId);
    expect(brief(first)).toBe('resolution:50');
    expect(Date.parse(first.value.thresholdAt)).toBe(t0 + 6000);
  });

  it('given a priority raised mid-flight, fires the earlier thresholds at once, marked late', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const t0 = Date.now();
    await timer.send(event('ticket.opened', t0, { impact: 4, urgency: 4 })); // P4: response 8 s, 50 % at +4 s
    await timer.recorder.waitFor(() => timer.fired(ticketId).length >= 1, 15_000);
    await timer.send(event('ticket.updated', Date.now(), { impact: 1, urgency: 1 })); // P1: response 2 s, resolution 4 s
    await timer.recorder.waitFor(() => timer.fired(ticketId).some((m) => brief(m) === 'resolution:150'), 15_000);
    const fired = timer.fired(ticketId);
    expect(fired).toHaveLength(8);
    expect([brief(fired[0]), fired[0].value.priority]).toEqual(['response:50', 'P4']);
    expect(brief(fired[7])).toBe('resolution:150');
    const raised = timer.fired(ticketId).slice(1, 7);
    expect(raised.map(brief).sort()).toEqual(
      ['response:75:late', 'response:100:late', 'response:150:late', 'resolution:50:late', 'resolution:75:late', 'resolution:100:late'].sort(),
    );
    expect(raised.every((m) => m.value.priority === 'P1')).toBe(true);
    expect(timer.fired(ticketId)[0].value.priority).toBe('P4');
  });

  it('given a reopen, resumes the resolution clock with its elapsed time kept', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    const t0 = Date.now();
    // P1: resolution 4 s; resolved at +1 s, reopened at +2 s -> 50 % at +3 s, 75 % at +4 s
    await timer.send(
      event('ticket.opened', t0, { impact: 1, urgency: 1 }),
      event('ticket.responded', t0 + 10),
      event('ticket.resolved', t0 + 1000),
    );
    await timer.send(event('ticket.reopened', t0 + 2000));
    await timer.recorder.waitFor(() => timer.fired(ticketId).some((m) => brief(m) === 'resolution:75'), 15_000);
    const [half, threeQuarters] = timer.fired(ticketId);
    expect(Date.parse(half.value.thresholdAt)).toBe(t0 + 3000);
    expect(Date.parse(threeQuarters.value.thresholdAt)).toBe(t0 + 4000);
  });

  it('given the same events twice and out of order, fires the same as once and in order', async () => {
    const once = ticketEvents('tenant-b');
    const messy = ticketEvents('tenant-b');
    const t0 = Date.now();
    const log = (e: typeof once) => [
      e.event('ticket.opened', t0, { impact: 1, urgency: 1 }),
      e.event('ticket.updated', t0 + 200, { status: 'pending_customer' }),
      e.event('ticket.updated', t0 + 700, { status: 'in_progress' }),
      e.event('ticket.responded', t0 + 1800),
    ];
    const ordered = log(once);
    const shuffled = log(messy);
    await timer.send(...ordered);
    await timer.send(shuffled[2], shuffled[0], shuffled[3], shuffled[0], shuffled[1], shuffled[2]);
    const done = (id: string) => timer.fired(id).some((m) => m.value.clock === 'resolution' && m.value.percent === 150);
    await timer.recorder.waitFor(() => done(once.ticketId) && done(messy.ticketId), 20_000);
    const summary = (id: string) => timer.fired(id).map((m) => `${brief(m)}@${Date.parse(m.value.thresholdAt) - t0}`);
    expect(summary(messy.ticketId)).toEqual(summary(once.ticketId));
    expect(summary(once.ticketId)).toContain('response:50@1000');
  });

  it('dead-letters a message it cannot parse, with the reason, and goes on', async () => {
    await timer.sendRaw(JSON.stringify({ type: 'ticket.prioritized', schemaVersion: 1, event: { eventId: 'x' } }));
    const dlq = new TopicRecorder([...timer.config.kafkaBrokers], [`${timer.config.topics.ticketsPrioritized}.dlq`]);
    await dlq.start();
    try {
      await dlq.waitFor((m) => m.length >= 1, 15_000);
      expect(dlq.messages[0].value).toMatchObject({ type: 'dead-letter', reason: 'EVENT.INVALID', service: 'timer' });
      const { ticketId, event } = ticketEvents('tenant-a');
      await timer.send(event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
      await timer.recorder.waitFor(() => timer.fired(ticketId).length >= 1, 10_000);
    } finally {
      await dlq.stop();
    }
  });
});

function waitForPending(timer: TimerHarness, ref: { tenantId: string; ticketId: string }, count: number): Promise<unknown> {
  return waitUntil(
    async () => ((await timer.scheduled(ref.tenantId, ref.ticketId))?.length === count ? true : undefined),
    10_000,
    `${count} pending jobs for ${ref.ticketId}`,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function waitForSla(timer: TimerHarness, tenantId: string, ticketId: string): Promise<any> {
  return waitUntil(
    async () => {
      const response = await timer.getSla(tenantId, ticketId);
      return response.status === 200 ? response.json() : undefined;
    },
    10_000,
    `the SLA of ${ticketId}`,
  );
}
