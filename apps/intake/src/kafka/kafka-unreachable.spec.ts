import { PROBLEM_TYPES } from '@stageplus/http';
import { KEYS, startIntakeWithoutKafka, ticketEvent, type IntakeUnderTest } from '../testing/intake-under-test';

describe('when Kafka is unreachable', () => {
  let intake: IntakeUnderTest;
  beforeAll(async () => {
    intake = await startIntakeWithoutKafka();
  });
  afterAll(() => intake.close());

  it('starts anyway: live, but not ready, naming the broker, the producer and the policy history', async () => {
    expect((await intake.get('/health/live')).status).toBe(200);
    const ready = await intake.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'not-ready',
      service: 'intake',
      checks: {
        broker: { status: 'down', detail: expect.stringMatching(/^no Kafka broker answers since \S+: /) },
        producer: { status: 'down', detail: 'the Kafka producer is not connected' },
        policy: { status: 'down', detail: 'reading the policy history' },
      },
    });
  });

  it('answers events with 503 and Retry-After at once: nothing was accepted', async () => {
    const started = Date.now();
    const answer = await intake.post(ticketEvent());
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.unavailable, status: 503, detail: expect.stringMatching(/nothing was accepted/) });
  });

  it('answers webhooks with 503 too: without the policy history no delivery can be mapped', async () => {
    const answer = await fetch(`${intake.url}/v1/webhooks/jira?tenant=chu-sainte-justine`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.chus}` },
      body: '{}',
    });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ type: PROBLEM_TYPES.unavailable, detail: 'the SLA policy history is not read yet; nothing was accepted' });
  });

  it('still checks the key and the payload first', async () => {
    expect((await intake.post(ticketEvent(), { apiKey: null })).status).toBe(401);
    expect((await intake.post({ type: 'ticket.opened' })).status).toBe(400);
  });
});
