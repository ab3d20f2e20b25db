import { deadLetterTopic, ticketKey, type DeadLetter, type TicketPrioritized } from '@stageplus/contracts';
import { FAST_POLICY_PATH, testBrokers, ticketEvents as ticket, TopicRecorder, type RecordedMessage } from '@stageplus/testing';
import { Pipeline } from '../testing/pipeline';
import { deleteKeysUnder } from '../testing/redis-cleanup';
import { produceRaw, reasonsByLabel } from '../testing/raw-records';

/**
 * The probe's poison cases (probes/reliability/probeC.sh) against the three services as
 * processes: records no service would write, put straight on `tickets.events` and
 * `tickets.prioritized`. Each is dead-lettered on `<topic>.dlq` with its reason, or applied as the
 * probe's table says; a good ticket written after them on the same partition still gets its
 * thresholds; every service stays ready. About 40 s.
 */
jest.setTimeout(120_000);

const ALL_THRESHOLDS = ['response:50', 'response:75', 'response:100', 'response:150', 'resolution:50', 'resolution:75', 'resolution:100', 'resolution:150'];
/** 900 KB that is not UTF-8: its dead letter, as text, once outgrew the broker's limit and blocked the partition. */
const NOT_UTF8 = Buffer.alloc(900 * 1024, 0xff);

describe('poison records on the event topics (probe C)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  let letters: TopicRecorder;

  beforeAll(async () => {
    await pipeline.start();
    letters = await new TopicRecorder(testBrokers().kafkaBrokers, [
      deadLetterTopic(pipeline.topics.events),
      deadLetterTopic(pipeline.topics.prioritized),
      pipeline.topics.prioritized,
    ]).start();
  }, 120_000);

  afterAll(async () => {
    await letters?.stop();
    await pipeline.stop();
    await deleteKeysUnder(`${pipeline.id}:`);
  });

  const lettersOf = (topic: string): RecordedMessage<DeadLetter>[] => letters.of<DeadLetter>(deadLetterTopic(topic));
  // Which thresholds fired, not how late: on a loaded machine a 1 s threshold may pass before the ticket arrives.
  const firedOf = (ticketId: string): string[] => pipeline.fired(ticketId).map((m) => `${m.value.clock}:${m.value.percent}`).sort();
  const expectAllReady = async () => {
    for (const service of ['intake', 'priority', 'timer'] as const) {
      expect([service, (await fetch(`${pipeline.url(service)}/health/ready`)).status]).toEqual([service, 200]);
    }
  };

  it('tickets.events: priority dead-letters each poison with its reason and the partition moves on to the next ticket', async () => {
    const sentinel = ticket('tenant-a');
    const key = ticketKey('tenant-a', sentinel.ticketId);
    const opened = sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 });
    const other = ticket('tenant-a').event('ticket.opened', Date.now(), { impact: 1, urgency: 1 });
    // All on the sentinel's key, so on its partition: each must be passed for the sentinel to count.
    const landed = await produceRaw(pipeline.topics.events, [
      { label: 'not JSON', key, value: 'not json at all {' },
      { label: 'JSON of the wrong shape', key, value: JSON.stringify({ foo: 1, bar: [1, 2] }) },
      { label: 'a JSON array of events', key, value: JSON.stringify([opened]) },
      { label: 'an event from 1970', key, value: JSON.stringify({ ...opened, eventId: `${opened.eventId}-1970`, occurredAt: '1970-01-01T00:00:00Z' }) },
      { label: '900 KB of 0xFF bytes', key, value: NOT_UTF8 },
      { label: 'a null value (tombstone)', key, value: null },
      { label: "a key that is not its event's", key, value: JSON.stringify(other) },
      { label: 'the good ticket', key, value: JSON.stringify(opened) },
    ]);

    await letters.waitFor(() => lettersOf(pipeline.topics.events).length >= 7, 30_000);
    expect(reasonsByLabel(lettersOf(pipeline.topics.events), pipeline.topics.events, landed)).toEqual({
      'not JSON': 'MESSAGE.NOT_JSON',
      'JSON of the wrong shape': 'EVENT.INVALID',
      'a JSON array of events': 'EVENT.INVALID',
      'an event from 1970': 'EVENT.INVALID',
      '900 KB of 0xFF bytes': 'MESSAGE.NOT_JSON',
      'a null value (tombstone)': 'MESSAGE.EMPTY',
      "a key that is not its event's": 'MESSAGE.KEY_MISMATCH',
    });
    const big = lettersOf(pipeline.topics.events).find((m) => m.value.valueBytes === NOT_UTF8.length)?.value;
    expect(big).toMatchObject({ value: null, valueBase64: null, omitted: { reason: 'DEAD_LETTER.TOO_LARGE' } });
    await pipeline.recorder.waitFor(() => firedOf(sentinel.ticketId).length >= 8, 30_000);
    expect(firedOf(sentinel.ticketId)).toEqual([...ALL_THRESHOLDS].sort());
    await expectAllReady();
  });

  it('tickets.events: a tenant the policy does not name is applied under its default plan (BASE), as the probe found', async () => {
    const stranger = ticket('no-such-tenant');
    const opened = stranger.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 });
    await produceRaw(pipeline.topics.events, [{ label: 'unknown tenant', key: ticketKey('no-such-tenant', stranger.ticketId), value: JSON.stringify(opened) }]);
    await letters.waitFor(() => prioritizedOf(letters, pipeline.topics.prioritized, opened.eventId) !== undefined, 30_000);
    expect(prioritizedOf(letters, pipeline.topics.prioritized, opened.eventId)).toMatchObject({ plan: 'BASE', priority: 'P1' });
    expect(lettersOf(pipeline.topics.events).filter((m) => m.key === ticketKey('no-such-tenant', stranger.ticketId))).toEqual([]);
  });

  it('tickets.prioritized: the timer dead-letters each poison with its reason, ignores a bad enrichment, and the partition moves on', async () => {
    const sentinel = ticket('tenant-a');
    const key = ticketKey('tenant-a', sentinel.ticketId);
    const misled = ticket('tenant-a');
    const misledOpened = misled.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 });
    const enriched = (extra: Record<string, unknown>) =>
      JSON.stringify({ type: 'ticket.prioritized', schemaVersion: 1, policyVersion: 'test-fast-24x7', prioritizedAt: new Date().toISOString(), plan: 'BASE', ...extra });
    const landed = await produceRaw(pipeline.topics.prioritized, [
      { label: 'not JSON', key, value: '\u0000\u0001 not json' },
      { label: 'JSON of another type', key, value: JSON.stringify({ foo: 1 }) },
      { label: 'a ticket event, not enriched', key, value: JSON.stringify(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 })) },
      { label: 'an unknown schema version', key, value: enriched({ schemaVersion: 99, event: misledOpened }) },
      { label: 'an invalid event inside', key, value: enriched({ event: 'nope' }) },
      { label: '900 KB of 0xFF bytes', key, value: NOT_UTF8 },
      { label: 'a null value (tombstone)', key, value: null },
      { label: "a key that is not its event's", key, value: enriched({ event: misledOpened, impact: 1, urgency: 1, priority: 'P1' }) },
      // Priority P9 and nonsense targets: the timer trusts only a known priority, else recomputes from impact and urgency.
      {
        label: 'a bad enrichment',
        key: ticketKey('tenant-a', misled.ticketId),
        value: enriched({ event: misledOpened, impact: 1, urgency: 1, priority: 'P9', targets: { response: { minutes: -5, text: 'x', calendar: 'nope' } } }),
      },
    ]);
    // The good ticket goes the whole way: intake, priority, then the same partition of tickets.prioritized.
    await pipeline.postOk(sentinel.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));

    await letters.waitFor(() => lettersOf(pipeline.topics.prioritized).length >= 8, 30_000);
    expect(reasonsByLabel(lettersOf(pipeline.topics.prioritized), pipeline.topics.prioritized, landed)).toEqual({
      'not JSON': 'MESSAGE.NOT_JSON',
      'JSON of another type': 'MESSAGE.UNEXPECTED_TYPE',
      'a ticket event, not enriched': 'MESSAGE.UNEXPECTED_TYPE',
      'an unknown schema version': 'MESSAGE.UNSUPPORTED_VERSION',
      'an invalid event inside': 'EVENT.INVALID',
      '900 KB of 0xFF bytes': 'MESSAGE.NOT_JSON',
      'a null value (tombstone)': 'MESSAGE.EMPTY',
      "a key that is not its event's": 'MESSAGE.KEY_MISMATCH',
    });
    await pipeline.recorder.waitFor(() => firedOf(sentinel.ticketId).length >= 8 && firedOf(misled.ticketId).length >= 8, 30_000);
    expect(firedOf(sentinel.ticketId)).toEqual([...ALL_THRESHOLDS].sort());
    expect(firedOf(misled.ticketId)).toEqual([...ALL_THRESHOLDS].sort());
    expect(new Set(pipeline.fired(misled.ticketId).map((m) => m.value.priority))).toEqual(new Set(['P1']));
    await expectAllReady();
  });
});

function prioritizedOf(recorder: TopicRecorder, topic: string, eventId: string): TicketPrioritized | undefined {
  return recorder.of<TicketPrioritized>(topic).find((m) => m.value?.event?.eventId === eventId)?.value;
}
