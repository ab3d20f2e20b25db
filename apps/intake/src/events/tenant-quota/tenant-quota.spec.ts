import type { TicketEvent } from '@stageplus/contracts';
import { PROBLEM_TYPES } from '@stageplus/http';
import { waitUntil } from '@stageplus/testing';
import { eventIdsOn, KEYS, startIntake, ticketEvent, type IntakeUnderTest } from '../../testing/intake-under-test';

const batchOf = (n: number, tenantId = 'chu-sainte-justine'): TicketEvent[] => Array.from({ length: n }, () => ticketEvent({ tenantId }));

describe('POST /v1/events under the per-tenant event quota', () => {
  let intake: IntakeUnderTest;
  afterEach(() => intake.close());

  it('holds a flooding tenant at its quota with 429 naming it, publishes none of the refused batch, and lets another tenant through', async () => {
    intake = await startIntake({ partitions: 1, env: { INTAKE_TENANT_EVENTS_PER_SECOND: '200', INTAKE_TENANT_EVENTS_BURST: '1000' } });
    const emptiedAt = Date.now(); // the burst is spent no earlier than this
    expect((await intake.post(batchOf(1_000))).status).toBe(202);

    const over = batchOf(300);
    const refused = await intake.post(over);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // 300 events at 200/s: 1.5 s from the instant the burst was spent, less what has refilled
    // since. On a loaded host the first post's publishing takes a while: 2 s, or 1 after 0.5 s.
    const elapsedS = (Date.now() - emptiedAt) / 1_000;
    const retryAfter = refused.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(1.5 - elapsedS)));
    expect(Number(retryAfter)).toBeLessThanOrEqual(2);
    expect(refused.body).toMatchObject({
      type: PROBLEM_TYPES.rateLimited,
      code: 'RATE_LIMIT.TENANT_EVENTS',
      status: 429,
      errors: [{ field: '[0].tenantId', message: expect.stringContaining('"chu-sainte-justine" is over its quota of 200 events/s (burst 1000)') }],
    });

    const neighbour = await intake.post(batchOf(1_000, 'cusm'), { apiKey: KEYS.cusm });
    expect(neighbour.status).toBe(202);

    await waitUntil(async () => ((await intake.post(over)).status === 202 ? true : undefined), 5_000, 'the batch accepted once the quota refilled');
    // 300 events at 200/s refill in 1.5 s from the instant the burst was spent. Counted from
    // before that post, not from the refusal: on a loaded host the posts between take time.
    expect(Date.now() - emptiedAt).toBeGreaterThanOrEqual(1_500);

    const recorder = intake.recorder!;
    await recorder.waitFor((messages) => messages.length >= 2_300, 15_000);
    const published = eventIdsOn(recorder, intake.topic);
    expect(published).toHaveLength(2_300);
    expect(new Set(published).size).toBe(2_300);
  });

  it('lifts the quota of a tenant overridden with 0, and keeps the others to theirs', async () => {
    intake = await startIntake({
      record: false,
      env: { INTAKE_TENANT_EVENTS_PER_SECOND: '1', INTAKE_TENANT_EVENTS_BURST: '1000', INTAKE_TENANT_EVENT_LIMITS: 'cusm=0' },
    });
    for (let i = 0; i < 3; i++) expect((await intake.post(batchOf(1_000, 'cusm'), { apiKey: KEYS.cusm })).status).toBe(202);
    expect((await intake.post(batchOf(1_000))).status).toBe(202);
    expect((await intake.post(batchOf(1))).status).toBe(429);
  });
});
