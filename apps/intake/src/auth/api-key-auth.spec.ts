import { PROBLEM_TYPES } from '@stageplus/http';
import { eventIdsOn, KEYS, startIntake, ticketEvent, type IntakeUnderTest } from '../testing/intake-under-test';

describe('API keys on POST /v1/events', () => {
  let intake: IntakeUnderTest;
  beforeEach(async () => {
    intake = await startIntake({ partitions: 1 });
  });
  afterEach(() => intake.close());

  /** Nothing was published before a sentinel (one partition: it would have come first). */
  async function expectOnlySentinelPublished(): Promise<void> {
    const sentinel = ticketEvent();
    expect((await intake.post(sentinel)).status).toBe(202);
    const recorder = intake.recorder!;
    await recorder.waitFor(() => eventIdsOn(recorder, intake.topic).includes(sentinel.eventId), 10_000);
    expect(eventIdsOn(recorder, intake.topic)).toEqual([sentinel.eventId]);
  }

  it('answers a request without a key, or with an unknown one, with 401 and a Bearer challenge', async () => {
    const missing = await intake.post(ticketEvent(), { apiKey: null });
    const wrong = await intake.post(ticketEvent(), { apiKey: 'not-a-key-of-ours' });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.body).toMatchObject({ type: PROBLEM_TYPES.unauthorized, status: 401 });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(JSON.stringify(wrong.body)).not.toContain('not-a-key-of-ours');
    await expectOnlySentinelPublished();
  });

  it("refuses with 403, naming the tenant, a key posting for another tenant, even for one event of a batch", async () => {
    const single = await intake.post(ticketEvent({ tenantId: 'cusm' }));
    const batch = await intake.post([ticketEvent(), ticketEvent({ tenantId: 'cusm' }), ticketEvent()]);
    const otherWay = await intake.post(ticketEvent(), { apiKey: KEYS.cusm });

    for (const answer of [single, batch]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.forbiddenTenant, detail: 'the API key "ticketing-chus" may not act for tenant "cusm"' });
    }
    expect(otherWay.body).toMatchObject({ status: 403, detail: expect.stringContaining('"chu-sainte-justine"') });
    await expectOnlySentinelPublished();
  });
});
