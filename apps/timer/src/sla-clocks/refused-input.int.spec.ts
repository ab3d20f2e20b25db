import { ticketKey, type DeadLetter } from '@stageplus/contracts';
import { ticketEvents, TopicRecorder } from '@stageplus/testing';
import { TimerHarness } from '../testing/timer-harness';

jest.setTimeout(60_000);

describe('what the timer refuses: records keyed otherwise than their ticket, ids no ticket can have', () => {
  const timer = new TimerHarness();
  let dlq: TopicRecorder;
  beforeAll(async () => {
    await timer.start();
    dlq = await new TopicRecorder([...timer.config.kafkaBrokers], [`${timer.config.topics.ticketsPrioritized}.dlq`]).start();
  });
  afterAll(async () => {
    await dlq?.stop();
    await timer.stop();
  });

  it('dead-letters a tickets.prioritized record keyed otherwise as MESSAGE.KEY_MISMATCH, unapplied; the next good record is applied', async () => {
    const stray = ticketEvents('tenant-a');
    const good = ticketEvents('tenant-a');
    const opened = stray.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 });
    const wrongKey = ticketKey('tenant-b', stray.ticketId);

    await timer.sendRaw(JSON.stringify({ type: 'ticket.prioritized', schemaVersion: 1, event: opened, policyVersion: 'test-fast-24x7' }), wrongKey);
    await timer.send(good.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));

    await dlq.waitFor((m) => m.length >= 1, 15_000);
    const [letter] = dlq.of<DeadLetter>(`${timer.config.topics.ticketsPrioritized}.dlq`);
    expect(letter.value).toMatchObject({ type: 'dead-letter', reason: 'MESSAGE.KEY_MISMATCH', service: 'timer', key: wrongKey });
    expect(letter.value.message).toContain(`not "${ticketKey('tenant-a', stray.ticketId)}"`);
    await timer.recorder.waitFor(() => timer.fired(good.ticketId).length >= 1, 10_000);
    expect((await timer.getSla('tenant-a', stray.ticketId)).status).toBe(404);
    expect(timer.fired(stray.ticketId)).toHaveLength(0);
  });

  it('answers 400 naming the parameter for path-like or unprintable ids, echoing none of them', async () => {
    for (const [tenantId, ticketId, field] of [
      ['tenant-a', 'A%2F..%2F..%2Fx', 'ticketId'],
      ['tenant-a', `a%00b${'a'.repeat(5_000)}`, 'ticketId'],
      ['..%2Ftenant-b', 'T-1', 'tenantId'],
    ]) {
      const answer = await timer.getSla(tenantId, ticketId);
      const body = (await answer.json()) as { errors: { field: string }[]; detail: string; instance: string };
      expect([answer.status, answer.headers.get('content-type'), body.errors.map((e) => e.field)]).toEqual([400, 'application/problem+json; charset=utf-8', [field]]);
      expect(JSON.stringify(body)).not.toMatch(/\\u0000|\.\.\//);
      expect(body.instance.length).toBeLessThanOrEqual(256);
    }
  });
});
