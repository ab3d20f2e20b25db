import { PROBLEM_TYPES } from '@stageplus/http';
import { eventIdsOn, startIntake, ticketEvent, type IntakeUnderTest } from '../../testing/intake-under-test';

/**
 * The input gaps the reliability probe found, closed: each request below is refused whole, and
 * the topic (one partition) ends up holding only what the accepted requests sent.
 */
describe('POST /v1/events refuses what the probe got through', () => {
  let intake: IntakeUnderTest;
  const accepted: string[] = [];

  beforeAll(async () => {
    intake = await startIntake({ partitions: 1 });
  });

  afterAll(() => intake?.close());

  const fieldsOf = (body: Record<string, unknown>) => (body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]);

  it('refuses a date-time that names no real moment (February 30, 24:00), naming the field', async () => {
    const answer = await intake.post([ticketEvent(), ticketEvent({ occurredAt: '2026-02-30T10:00:00Z' }), ticketEvent({ receivedAt: '2026-06-23T24:00:00Z' })]);

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.validation, status: 400, instance: '/v1/events' });
    expect(fieldsOf(answer.body)).toEqual([
      ['[1].occurredAt', 'is not a calendar date: 2026-02-30 does not exist'],
      ['[2].receivedAt', expect.stringMatching(/^must be an ISO-8601 date-time with an offset/)],
    ]);
  });

  it('refuses a batch holding the same eventId twice, naming the repeat and its first occurrence', async () => {
    const first = ticketEvent();
    const batch = [ticketEvent(), first, ticketEvent(), { ...ticketEvent(), eventId: first.eventId }];

    const answer = await intake.post(batch);

    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual([['[3].eventId', 'duplicate of [1].eventId']]);
  });

  it('refuses path-like ticket ids such as A/../../x, naming the field', async () => {
    const answer = await intake.post(ticketEvent({ ticketId: 'A/../../x' }));

    expect(answer.status).toBe(400);
    expect(fieldsOf(answer.body)).toEqual([['ticketId', 'must be 1-128 characters among letters, digits and ._:@- (no "/")']]);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('refuses a body sent as %s with 415 problem+json', async (contentType) => {
    const response = await fetch(`${intake.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: 'Bearer test-key-chus-6f1c2a9e' },
      body: JSON.stringify(ticketEvent()),
    });

    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await response.json()).toMatchObject({ type: 'about:blank', title: 'Unsupported Media Type', status: 415, instance: '/v1/events' });
  });

  it('answers an unknown route with 404 problem+json echoing at most 256 printable characters', async () => {
    const answer = await intake.get(`/admin/a%00b/${'x'.repeat(5_000)}`);

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(Array.from(answer.body.instance as string)).toHaveLength(256);
    expect(Array.from(answer.body.detail as string).length).toBeLessThanOrEqual(256);
  });

  it("takes the same eventId again in a later request: the client's retry, which consumers deduplicate by id", async () => {
    const event = ticketEvent();
    expect((await intake.post(event)).status).toBe(202);
    expect((await intake.post(event)).status).toBe(202);
    accepted.push(event.eventId, event.eventId);
  });

  it('published nothing of the refused requests: the topic holds the accepted ones and a sentinel, only', async () => {
    const sentinel = ticketEvent();
    expect((await intake.post(sentinel)).status).toBe(202);
    const recorder = intake.recorder!;
    await recorder.waitFor(() => eventIdsOn(recorder, intake.topic).includes(sentinel.eventId), 10_000);
    expect(eventIdsOn(recorder, intake.topic)).toEqual([...accepted, sentinel.eventId]);
  });
});
