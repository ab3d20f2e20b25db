import type { INestApplication } from '@nestjs/common';
import { sampleValue, scrapeMetrics, ticketEvents, waitUntil } from '@stageplus/testing';
import { PriorityTestBed } from '../testing/priority-test-bed';

jest.setTimeout(60_000);

const TENANT = 'chu-sainte-justine';

describe('readiness of the priority service', () => {
  let bed: PriorityTestBed;
  let app: INestApplication;

  beforeAll(async () => {
    bed = await PriorityTestBed.create({ KAFKA_STUCK_AFTER_MS: '1000' });
    app = await bed.startApp();
  });

  afterAll(async () => {
    await bed?.cleanup();
  });

  const ready = async () => {
    const answer = await fetch(`${await app.getUrl()}/health/ready`);
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it('says not ready, naming the partition, while a batch keeps failing, and ready again once it goes through', async () => {
    const t = ticketEvents(TENANT);
    const opened = t.event('ticket.opened', Date.parse('2026-06-23T10:00:00Z'), { impact: 2, urgency: 2 });
    const key = `${bed.config.redisPrefix}${TENANT}:${t.ticketId}`;
    // A hash the service never writes (impact 9), newer than any event, so no event overwrites it:
    // every attempt at the batch fails until it is repaired.
    await bed.withRedis((redis) => redis.hset(key, { impact: '9', urgency: '1', occurredAt: String(Date.parse('2099-01-01T00:00:00Z')), eventId: 'x' }));
    expect((await ready()).status).toBe(200);

    await bed.send(opened);
    const stuck = await waitUntil(async () => {
      const answer = await ready();
      return answer.status === 503 ? answer : undefined;
    }, 20_000, 'readiness to report the stuck partition');
    expect(stuck.body).toEqual({
      status: 'not-ready',
      service: 'priority',
      checks: {
        broker: { status: 'up' },
        consumer: { status: 'down', detail: `stuck retrying a batch: ${bed.eventsTopic}/0` },
        producer: { status: 'up' },
        redis: { status: 'up' },
        policy: { status: 'up', detail: 'version stageplus-2023-12-08 in force, history of 1 version' },
      },
      stuckPartitions: [`${bed.eventsTopic}/0`],
    });
    const metrics = await scrapeMetrics(await app.getUrl());
    expect(sampleValue(metrics, 'sla_consumer_batch_failures_total', { topic: bed.eventsTopic, partition: '0' })).toBeGreaterThan(0);
    expect(sampleValue(metrics, 'sla_consumer_lag', { topic: bed.eventsTopic, partition: '0' })).toBe(1);
    expect(bed.prioritized(opened.eventId)).toHaveLength(0);

    await bed.withRedis((redis) => redis.del(key));
    const [enriched] = await bed.waitForPrioritized(opened.eventId);
    expect(enriched.priority).toBe('P2');
    await waitUntil(async () => ((await ready()).status === 200 ? true : undefined), 10_000, 'readiness to recover');
  });
});
