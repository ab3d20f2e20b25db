import type { TicketEvent } from '@stageplus/contracts';
import { PROBLEM_TYPES } from '@stageplus/http';
import { eventIdsOn, startIntake, ticketEvent, type IntakeUnderTest } from '../../testing/intake-under-test';

describe('POST /v1/events', () => {
  let intake: IntakeUnderTest | undefined;
  afterEach(async () => {
    await intake?.close();
    intake = undefined;
  });

  /** The batch must have left no trace: a later sentinel is the first and only message (one partition). */
  async function expectOnlySentinelPublished(running: IntakeUnderTest): Promise<void> {
    const sentinel = ticketEvent();
    expect((await running.post(sentinel)).status).toBe(202);
    const recorder = running.recorder!;
    await recorder.waitFor(() => eventIdsOn(recorder, running.topic).includes(sentinel.eventId), 10_000);
    expect(eventIdsOn(recorder, running.topic)).toEqual([sentinel.eventId]);
  }

  it('accepts a valid event with 202 once Kafka has it, keyed by ticket, with its headers, unchanged', async () => {
    intake = await startIntake();
    const event = ticketEvent({ receivedAt: '2026-06-23T15:11:00-04:00', status: 'new', actor: 'agent-17' });

    const answer = await intake.post(event);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 1, eventIds: [event.eventId] });
    const recorder = intake.recorder!;
    await recorder.waitFor((messages) => messages.length >= 1, 10_000);
    expect(recorder.of(intake.topic)).toEqual([
      expect.objectContaining({
        key: `chu-sainte-justine:${event.ticketId}`,
        value: event,
        headers: { 'event-type': 'ticket.opened', 'schema-version': '1', producer: 'intake' },
      }),
    ]);
  });

  it("keeps each ticket's events in order across a batch", async () => {
    intake = await startIntake({ partitions: 3 });
    const tickets = ['T-A', 'T-B', 'T-C', 'T-D'];
    const types = ['ticket.opened', 'ticket.responded', 'ticket.resolved', 'ticket.closed'] as const;
    const batch = types.flatMap((type) =>
      tickets.map((ticketId) => (type === 'ticket.opened' ? ticketEvent({ ticketId }) : ticketEvent({ ticketId, type, impact: undefined, urgency: undefined }))),
    );
    const events = JSON.parse(JSON.stringify(batch)) as TicketEvent[];

    const answer = await intake.post(events);

    expect(answer).toMatchObject({ status: 202, body: { accepted: 16, eventIds: events.map((e) => e.eventId) } });
    const recorder = intake.recorder!;
    await recorder.waitFor((messages) => messages.length >= 16, 10_000);
    for (const ticketId of tickets) {
      const published = recorder.of<TicketEvent>(intake.topic).filter((m) => m.key === `chu-sainte-justine:${ticketId}`);
      expect(published.map((m) => m.value.type)).toEqual([...types]);
    }
  });

  it('refuses a batch with invalid events with 400 naming every bad field, and publishes none of it', async () => {
    intake = await startIntake({ partitions: 1 });
    const batch = [ticketEvent(), ticketEvent({ occurredAt: '2026-06-23 15:10' }), ticketEvent(), ticketEvent({ impact: 7 })];

    const answer = await intake.post(JSON.parse(JSON.stringify(batch)));

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.validation, status: 400, instance: '/v1/events' });
    expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['[1].occurredAt', '[3].impact']);
    await expectOnlySentinelPublished(intake);
  });

  it('refuses an event time more than a few minutes in the future, naming it, and publishes nothing', async () => {
    intake = await startIntake({ partitions: 1 });
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();

    const answer = await intake.post([ticketEvent(), ticketEvent({ occurredAt: tomorrow })]);

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: '[1].occurredAt', message: expect.stringMatching(/ahead of the server clock/) }]);
    await expectOnlySentinelPublished(intake);
  });

  it('refuses an unknown field, such as free text about a patient, naming it', async () => {
    intake = await startIntake({ partitions: 1 });

    const answer = await intake.post(ticketEvent({ description: 'Mme Tremblay attend depuis 2 h' }));

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'description', message: expect.stringMatching(/not an accepted field/) }]);
    expect(JSON.stringify(answer.body)).not.toContain('Tremblay');
    await expectOnlySentinelPublished(intake);
  });

  it('refuses an array of more than 1,000 events with 400 naming the body', async () => {
    intake = await startIntake({ record: false });
    const event = ticketEvent();

    const answer = await intake.post(Array.from({ length: 1_001 }, (_, i) => ({ ...event, eventId: `${event.eventId}-${i}` })));

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: '(body)', message: 'holds 1001 events; a batch holds at most 1000' }]);
  });

  it('refuses a body over INTAKE_BODY_LIMIT with 413 problem+json, and invalid JSON with 400 naming the body', async () => {
    intake = await startIntake({ env: { INTAKE_BODY_LIMIT: '2kb' }, record: false });

    const tooLarge = await intake.post(Array.from({ length: 20 }, () => ticketEvent()));
    const notJson = await intake.post(undefined, { rawBody: '{"eventId": "e1",' });

    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(tooLarge.body).toMatchObject({ type: PROBLEM_TYPES.payloadTooLarge, status: 413, instance: '/v1/events' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors).toEqual([{ field: '(body)', message: 'is not valid JSON' }]);
  });
});
