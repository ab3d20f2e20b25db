import type { TicketEvent } from '@stageplus/contracts';
import { atInstant, FAST_POLICY_PATH, pace, PrivateKafka, ticketEvents, TopicRecorder, waitUntil } from '@stageplus/testing';
import { Pipeline } from './testing/pipeline';
import { deleteKeysUnder } from './testing/redis-cleanup';

jest.setTimeout(420_000);

/** A client that resends the same event until it is accepted, as the API asks (shorter pauses than `Retry-After`, to keep the test short). */
interface Delivery {
  readonly event: TicketEvent;
  accepted: boolean;
  /** 503s answered after a send had begun (the deadline ran out): the send may still land. */
  lateRefusals: number;
  /** 503s answered at once, without a send: nothing can land. */
  fastRefusals: number;
}

type Service = 'intake' | 'priority' | 'timer';
/** How long the broker stays down. */
const OUTAGE_MS = Number(process.env.BROKER_OUTAGE_MS ?? 45_000);
interface Ready {
  readonly status: number;
  readonly body: { checks?: Record<string, { status: string; detail?: string }> };
}

// Opt-in with the broker-fault suite (`npm run test:broker-faults` runs both): in one CI run of
// three the timer never turned ready again after the broker came back (docs/architecture.md).
const optIn = process.env.BROKER_FAULTS === '1';
if (!optIn) console.warn('\n*** broker-outage SKIPPED: set BROKER_FAULTS=1 to run it (npm run test:broker-faults) ***\n');

(optIn ? describe : describe.skip)('the broker stopped and restarted under traffic (a private broker)', () => {
  const kafka = new PrivateKafka();
  let pipeline: Pipeline;
  let recorder: TopicRecorder | null = null;
  let traffic: Promise<void> = Promise.resolve();
  let flowing = false;

  beforeAll(async () => {
    await kafka.start();
    // The pipeline and its recorder find the broker here (this file's environment only).
    process.env.KAFKA_BROKERS = kafka.brokers;
    pipeline = new Pipeline(FAST_POLICY_PATH);
    // One at a time, and given longer than the harness's minute: on a busy 2-core machine, three
    // services compiling and a fresh broker creating their topics at once can outlast it.
    for (const service of ['intake', 'priority', 'timer'] as const) {
      await pipeline.startService(service).catch(() => pipeline.waitReady(service, 120_000));
    }
  }, 420_000);

  afterAll(async () => {
    flowing = false;
    await traffic;
    await recorder?.stop();
    await pipeline?.stop();
    if (pipeline) await deleteKeysUnder(`${pipeline.id}:`);
    await kafka.remove();
  }, 120_000);

  const ready = async (service: Service): Promise<Ready> => {
    const answer = await fetch(`${pipeline.url(service)}/health/ready`);
    return { status: answer.status, body: (await answer.json()) as Ready['body'] };
  };
  const brokerIs = (wanted: 'up' | 'down', services: readonly Service[]) => async () => {
    const answers = await Promise.all(services.map(ready));
    return answers.every((a) => a.body.checks?.broker?.status === wanted) ? answers : undefined;
  };

  const deliveries: Delivery[] = [];
  async function deliver(event: TicketEvent): Promise<void> {
    const delivery: Delivery = { event, accepted: false, lateRefusals: 0, fastRefusals: 0 };
    deliveries.push(delivery);
    while (flowing) {
      const started = Date.now();
      const answer = await pipeline.post(event);
      if (answer.status === 202) {
        delivery.accepted = true;
        return;
      }
      expect([answer.status, answer.headers.get('retry-after')]).toEqual([503, expect.stringMatching(/^\d+$/)]);
      if (Date.now() - started >= 1_000) delivery.lateRefusals += 1;
      else delivery.fastRefusals += 1;
      await pace(250);
    }
  }
  async function flow(): Promise<void> {
    while (flowing) {
      const ticket = ticketEvents('tenant-a');
      await deliver(ticket.event('ticket.opened', Date.now(), { impact: 3, urgency: 3 }));
      await pace(50);
    }
  }

  it('says not ready within 5 s naming the broker, refuses events at once, recovers, and every accepted event is on the topic', async () => {
    flowing = true;
    traffic = flow();
    await waitUntil(async () => (deliveries.filter((d) => d.accepted).length >= 10 ? true : undefined), 30_000, 'traffic flowing');

    await kafka.stop();
    const down = Date.now();
    const notReady = await waitUntil(brokerIs('down', ['intake', 'priority', 'timer']), 10_000, 'the three services to see the broker down');
    const noticedAfterMs = Date.now() - down;
    expect(noticedAfterMs).toBeLessThan(5_000);
    for (const answer of notReady) {
      expect(answer.status).toBe(503);
      expect(answer.body.checks?.broker?.detail).toMatch(/^no Kafka broker answers since /);
    }

    const refusedAt = Date.now();
    const refused = await pipeline.post(ticketEvents('tenant-a').event('ticket.opened', Date.now(), { impact: 3, urgency: 3 }));
    const refusedInMs = Date.now() - refusedAt;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refusedInMs).toBeLessThan(1_000);

    // The outage lasts past the consumer groups' session timeout (30 s) and kafkajs's in-place
    // retries, as a real one would: the consumers crash and restart while nothing answers.
    await atInstant(down + OUTAGE_MS);
    await kafka.start();
    const back = Date.now();
    await waitUntil(brokerIs('up', ['intake', 'priority', 'timer']), 10_000, 'the three services to see the broker back');
    const recoveredAfterMs = Date.now() - back;
    expect(recoveredAfterMs).toBeLessThan(5_000);
    await waitUntil(async () => ((await ready('intake')).status === 200 ? true : undefined), 10_000, 'intake ready');
    const acceptedBefore = deliveries.filter((d) => d.accepted).length;
    await waitUntil(async () => (deliveries.filter((d) => d.accepted).length >= acceptedBefore + 10 ? true : undefined), 30_000, 'posts accepted again');
    // Measured, not bounded tightly: a consumer that kafkajs restarted after a crash during the
    // outage rejoins after its backoff and the group's session timeout (30 s), which a loaded
    // machine stretches past a minute (seen once in CI at 60 s).
    for (const service of ['priority', 'timer'] as const) await pipeline.waitReady(service, 150_000);
    const consumersBackAfterMs = Date.now() - back;

    flowing = false;
    await traffic;
    const accepted = deliveries.filter((d) => d.accepted);
    recorder = await new TopicRecorder([kafka.brokers], [pipeline.topics.events, pipeline.topics.prioritized]).start();
    const last = accepted[accepted.length - 1].event.eventId;
    // The last accepted event enriched: priority consumes again, after everything before it.
    const enriched = () => (recorder?.of<{ event: TicketEvent }>(pipeline.topics.prioritized) ?? []).some((m) => m.value.event.eventId === last);
    const copies = () => {
      const counts = new Map<string, number>();
      for (const m of recorder?.of<TicketEvent>(pipeline.topics.events) ?? []) counts.set(m.value.eventId, (counts.get(m.value.eventId) ?? 0) + 1);
      return counts;
    };
    // Each topic's partitions are read on their own: wait for both, and let the assertions below say what is missing.
    await recorder.waitFor(() => enriched() && accepted.every((d) => copies().has(d.event.eventId)), 60_000).catch(() => undefined);
    expect(enriched()).toBe(true);

    const onTopic = copies();
    const missing = accepted.filter((d) => !onTopic.has(d.event.eventId)).map((d) => d.event.eventId);
    expect(missing).toEqual([]);
    // Once, unless a send outlived its request (then once more per such refusal at most); a refusal
    // given at once never adds a copy.
    // kafkajs may add one more by retrying a request the broker wrote as it stopped (no idempotent producer: EventPublisher).
    const tooMany = accepted.filter((d) => (onTopic.get(d.event.eventId) ?? 0) > 2 + d.lateRefusals);
    expect(tooMany.map((d) => `${d.event.eventId}: ${onTopic.get(d.event.eventId)} copies, ${d.lateRefusals} late refusals`)).toEqual([]);
    const duplicated = accepted.filter((d) => (onTopic.get(d.event.eventId) ?? 0) > 1).length;
    console.log(
      `broker outage: noticed after ${noticedAfterMs} ms, a POST refused in ${refusedInMs} ms, broker check up ${recoveredAfterMs} ms after the broker answered, ` +
        `consumers ready after ${consumersBackAfterMs} ms; ${accepted.length} accepted, ${duplicated} duplicated on the topic, ` +
        `${deliveries.reduce((n, d) => n + d.fastRefusals, 0)} fast and ${deliveries.reduce((n, d) => n + d.lateRefusals, 0)} late refusals`,
    );
  });
});
