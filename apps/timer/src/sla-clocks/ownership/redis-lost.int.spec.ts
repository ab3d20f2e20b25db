import { brief, PrivateRedis, ticketEvents, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { TimerHarness } from '../../testing/timer-harness';

jest.setTimeout(90_000);

describe('the timer when Redis loses everything (a restart without persistence)', () => {
  const redis = new PrivateRedis();
  let timer: TimerHarness;

  beforeAll(async () => {
    await redis.start();
    timer = await new TimerHarness({ REDIS_URL: redis.url, TIMER_STATE_CHECK_MS: '200' }).start();
  });
  afterAll(async () => {
    await timer?.stop();
    await redis.stop();
  });

  it('rebuilds every open clock from the changelog, applies what came meanwhile, and fires every threshold once', async () => {
    const t0 = Date.now();
    const tickets = Array.from({ length: 60 }, () => ticketEvents('tenant-a'));
    // P3 (fast policy): response 6 s, resolution 12 s; thresholds from t0 + 3 s to t0 + 18 s.
    await timer.send(...tickets.map((t) => t.event('ticket.opened', t0, { impact: 2, urgency: 3 })));
    await waitUntil(async () => ((await timer.getSla('tenant-a', tickets[59].ticketId)).status === 200 ? true : undefined), 15_000, 'the tickets applied');

    const admin = new Redis(redis.url);
    await admin.flushall();
    await admin.quit();
    // Learnt after the loss, for tickets whose state is gone: must wait for the rebuild, not vanish.
    const answered = tickets.slice(0, 20);
    await timer.send(...answered.map((t) => t.event('ticket.responded', t0 + 1_000)));

    const expected = answered.length * 4 + (tickets.length - answered.length) * 8;
    await timer.recorder.waitFor((m) => m.length >= expected, 60_000);
    const sentinel = ticketEvents('tenant-a');
    await timer.send(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await timer.recorder.waitFor(() => timer.fired(sentinel.ticketId).length >= 8, 20_000);

    const fired = timer.fired().filter((m) => m.value.ticketId !== sentinel.ticketId);
    expect(new Set(fired.map((m) => m.value.eventId)).size).toBe(fired.length);
    expect(fired).toHaveLength(expected);
    for (const t of answered) expect(timer.fired(t.ticketId).map(brief).every((b) => b.startsWith('resolution:'))).toBe(true);
    expect(fired.filter((m) => m.value.late)).toEqual([]);
    expect((await timer.getSla('tenant-a', tickets[30].ticketId)).status).toBe(200);
  });
});
