import type { TicketEvent } from '@stageplus/contracts';
import { createKafka, readTopicToEnd } from '@stageplus/kafka';
import { atInstant, GRID_POLICY_PATH, sampleSum, scrapeMetrics, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { clusterUnavailable, LocalKafkaCluster } from './testing/kafka-cluster';
import { Pipeline } from './testing/pipeline';
import { deleteKeysUnder } from './testing/redis-cleanup';
import { RetryingClient } from './testing/retrying-client';

jest.setTimeout(420_000);

const TICKETS = 825; // 150 PLUS P1 tickets left open (1 event each) + 675 opened then closed: 1,500 events
const BATCH = 5; // events per POST, as an integration forwarding what it saw in the last moment
const POSTING_MS = 30_000;
const CLIENTS = 4;
const isWatched = (k: number) => k % 11 === 0 || k % 11 === 5;

// Opt-in (`npm run test:broker-faults`) until intake rides out the crash: see docs/architecture.md.
const unavailable = process.env.BROKER_FAULTS === '1' ? clusterUnavailable() : 'set BROKER_FAULTS=1 to run it (npm run test:broker-faults)';
if (unavailable) console.warn(`\n*** broker-faults SKIPPED: ${unavailable} ***\n`);
const describeWithCluster = unavailable ? describe.skip : describe;

describeWithCluster('a broker crash on a three-node cluster (RF 3, min.insync.replicas 2; grid policy, 24x7 seconds)', () => {
  const cluster = new LocalKafkaCluster();
  const pipeline = new Pipeline(GRID_POLICY_PATH);
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const t = Date.now();
    await cluster.start();
    timings.clusterStartMs = Date.now() - t;
    // The harness reads KAFKA_BROKERS for the services and the recorder; Jest gives each file its own env.
    process.env.KAFKA_BROKERS = cluster.brokers.join(',');
    await pipeline.start();
  }, 400_000);

  afterAll(async () => {
    await pipeline.stop();
    await cluster.stop();
    await deleteKeysUnder(`${pipeline.id}:`); // the Redis is shared
  }, 120_000);

  it('replicates the pipeline topics three times, and a write needs two replicas', async () => {
    const admin = createKafka({ brokers: cluster.brokers, clientId: 'fault-spec' }).admin();
    await admin.connect();
    try {
      const topics = [pipeline.topics.events, pipeline.topics.prioritized];
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      for (const t of metadata) for (const p of t.partitions) expect([t.name, p.replicas.length]).toEqual([t.name, 3]);
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
      for (const r of resources) expect([r.resourceName, r.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue]).toEqual([r.resourceName, '2']);
    } finally {
      await admin.disconnect();
    }
  });

  it('keeps accepting through kill -9 of a partition leader: nothing acknowledged is lost, every threshold fires once', async () => {
    const client = new RetryingClient((events) => pipeline.post(events));
    const { events, watched } = ticketsToPost();
    const batches = Array.from({ length: Math.ceil(events.length / BATCH) }, (_, j) => events.slice(j * BATCH, (j + 1) * BATCH));
    const t0 = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const j = next++;
        await atInstant(t0 + (j * POSTING_MS) / batches.length);
        await client.send(batches[j].map((build) => build())); // occurredAt: now; a retry resends the same
      }
    };
    // Settles to the first client error, if any, so that it fails the test rather than the process.
    const posting = Promise.all(Array.from({ length: CLIENTS }, worker)).then(() => null, (error: Error) => error);
    const failed = async (error: Error | null) => {
      if (error) throw new Error(`${error.message}\n${JSON.stringify(client.summary(t0))}\n${serviceLines(pipeline, 'intake')}`);
    };

    // A third of the way in, crash the broker leading partition 0 of tickets.events.
    await waitUntil(async () => (client.acknowledged.size >= 500 ? true : undefined), 90_000, '500 events acknowledged before the crash').catch(
      (error: Error) => failed(error),
    );
    const victim = await cluster.leaderOf(pipeline.topics.events, 0);
    const killedAt = Date.now();
    await cluster.kill(victim);
    await failed(await posting);
    timings.postingMs = Date.now() - t0;
    const restartStarted = Date.now();
    await cluster.restart(victim);
    timings.restartMs = Date.now() - restartStarted;

    // Every acknowledged event is on tickets.events (read to its end through the restarted cluster).
    const onTopic = new Map<string, number>();
    await readTopicToEnd(createKafka({ brokers: cluster.brokers, clientId: 'fault-spec' }), pipeline.topics.events, (r) => {
      const { eventId } = JSON.parse(r.value?.toString('utf8') ?? '{}') as { eventId?: string };
      if (eventId) onTopic.set(eventId, (onTopic.get(eventId) ?? 0) + 1);
    });
    const lost = [...client.acknowledged.keys()].filter((id) => !onTopic.has(id));
    const duplicates = [...onTopic.values()].filter((n) => n > 1).length;

    const summary = client.summary(killedAt);
    // Partitions a send resolved by kafkajs had not written, which the publishers sent again (PartitionLedger).
    const resends = await Promise.all((['intake', 'priority', 'timer'] as const).map((s) => resentPartitions(pipeline, s)));
    const measured = {
      ...summary,
      ...timings,
      acknowledged: client.acknowledged.size,
      onTopic: onTopic.size,
      lost: lost.length,
      duplicatesOnTicketsEvents: duplicates,
      resentPartitions: { intake: resends[0], priority: resends[1], timer: resends[2] },
    };
    console.log(`broker-faults: killed node ${victim}; ${JSON.stringify(measured)}`);

    // Every threshold of the watched tickets (8 each), each once by eventId.
    const distinct = () => new Set(watchedFired(pipeline, watched).map((m) => m.value.eventId)).size;
    await pipeline.recorder.waitFor(() => distinct() >= watched.length * 8, 90_000).catch(() => {
      throw new Error(`${distinct()} of ${watched.length * 8} thresholds fired\ntimer: ${pipeline.logs('timer')}\npriority: ${pipeline.logs('priority')}`);
    });
    const fired = watchedFired(pipeline, watched);
    const badRetries = client.attempts.filter((a) => a.status === 503 && !a.retryAfter);
    console.log(`broker-faults: fired ${fired.length}, distinct ${distinct()}, late ${fired.filter((m) => m.value.late).length}`);
    expect(client.acknowledged.size).toBe(1_500);
    expect(lost).toEqual([]);
    expect(badRetries).toEqual([]);
    expect(new Set(fired.map((m) => m.value.eventId)).size).toBe(watched.length * 8);
  });
});

/**
 * 1,500 events in posting order, each built when first sent (`occurredAt` then): each watched
 * ticket a PLUS P1 (4 s / 8 s) left open; each other a BASE P4 opened, and closed 40 events later.
 */
function ticketsToPost(): { events: (() => TicketEvent)[]; watched: string[] } {
  const events: (() => TicketEvent)[] = [];
  const closes: { at: number; event: () => TicketEvent }[] = [];
  const watched: string[] = [];
  for (let k = 0; k < TICKETS; k++) {
    const t = ticket(isWatched(k) ? 'tenant-b' : 'tenant-a');
    if (isWatched(k)) {
      watched.push(t.ticketId);
      events.push(() => t.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    } else {
      events.push(() => t.event('ticket.opened', Date.now(), { impact: 4, urgency: 4 }));
      closes.push({ at: events.length + 40, event: () => t.event('ticket.closed', Date.now()) });
    }
    while (closes.length > 0 && closes[0].at <= events.length) events.push(closes.shift()!.event);
  }
  for (const c of closes) events.push(c.event);
  return { events, watched };
}

/** What a service logged besides its request lines (the refusals would hide the reasons), the last of it. */
function serviceLines(pipeline: Pipeline, service: 'intake' | 'priority' | 'timer'): string {
  const lines = pipeline.fullLogs(service).split('\n');
  return lines.filter((line) => !/"msg":"request (errored|completed)"/.test(line)).join('\n').slice(-8_000);
}

/** `sla_publish_resends_total` of a service, all partitions. */
async function resentPartitions(pipeline: Pipeline, service: 'intake' | 'priority' | 'timer'): Promise<number> {
  return sampleSum(await scrapeMetrics(pipeline.url(service)), 'sla_publish_resends_total');
}

const watchedFired = (pipeline: Pipeline, watched: readonly string[]) => {
  const ids = new Set(watched);
  return pipeline.fired().filter((m) => ids.has(m.value.ticketId));
};
