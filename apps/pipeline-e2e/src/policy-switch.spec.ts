import { createHash } from 'node:crypto';
import type { PolicyVersionRecord } from '@stageplus/contracts';
import { FAST_POLICY_PATH, pace, testBrokers, ticketEvents as ticket, waitUntil } from '@stageplus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Pipeline } from './testing/pipeline';
import { policyCommand, policyFile } from './testing/sla-commands';

jest.setTimeout(180_000);

const PER_BATCH = 2;
/** Batches posted once the correction is in force: tickets that must be classified by it. */
const BATCHES_AFTER = 10;
/** A bound on the flow should the switches never end (they fail the test then). */
const MAX_BATCHES = 300;
/** Thresholds of the fast policy, per clock: 50, 75, 100 (breach) and 150 %. */
const EXPECTED = ['resolution:100', 'resolution:150', 'resolution:50', 'resolution:75', 'response:100', 'response:150', 'response:50', 'response:75'];

/**
 * While tickets flow, versions switch under priority and timer: a new version, a record that is no
 * valid policy written straight to the topic (a tool that bypassed `sla policy publish`), and a
 * correction. Nothing accepted may be lost or fire twice, and the bad record changes nothing.
 */
describe('policy versions switching under a steady flow of tickets (real broker, services as processes)', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  beforeAll(() => pipeline.start(), 120_000);
  afterAll(() => pipeline.stop());

  const env = () => ({ KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','), TOPIC_SLA_POLICY: pipeline.topics.policy, TOPIC_SLA_POLICY_STATUS: pipeline.topics.policyStatus });
  const sla = async (ticketId: string) => {
    const response = await fetch(`${pipeline.url('timer')}/v1/tenants/tenant-a/tickets/${ticketId}/sla`, { headers: { authorization: `Bearer ${pipeline.apiKey}` } });
    return response.status === 200 ? ((await response.json()) as { policyVersion: string }) : undefined;
  };

  async function writeInvalidVersion(): Promise<void> {
    const text = 'version: not-a-policy\nmatrix: nonsense\n';
    const record: PolicyVersionRecord = { version: 'not-a-policy', text, digest: createHash('sha256').update(text).digest('hex'), publishedAt: new Date().toISOString() };
    const producer = new Kafka({ clientId: 'bypass', brokers: testBrokers().kafkaBrokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: pipeline.topics.policy, messages: [{ key: record.version, value: JSON.stringify(record) }] });
    await producer.disconnect();
  }

  it('loses nothing and fires every threshold once while a version, an invalid record and a correction arrive', async () => {
    const tickets: string[] = [];
    let switched = false;
    // The flow goes on until the correction is in force, then a few batches more: on a slow host
    // each CLI run takes seconds, and a flow of fixed length could end before the first switch.
    const flow = (async () => {
      for (let i = 0, after = 0; after < BATCHES_AFTER && i < MAX_BATCHES; i++, after += switched ? 1 : 0) {
        const batch = Array.from({ length: PER_BATCH }, () => ticket('tenant-a'));
        tickets.push(...batch.map((t) => t.ticketId));
        await pipeline.postOk(batch.map((t) => t.event('ticket.opened', Date.now(), { impact: 1, urgency: 1 })));
        await pace(100);
      }
    })();
    const switches = (async () => {
      await pace(1_000);
      expect(await policyCommand(['publish', policyFile('switch-v2', { p1: 'response: PT3S, resolution: PT6S', p4: 'response: PT8S, resolution: PT16S' })], env())).toMatchObject({ code: 0 });
      await writeInvalidVersion();
      expect(await policyCommand(['publish', policyFile('switch-v2-fix', { p1: 'response: PT3S, resolution: PT5S', p4: 'response: PT8S, resolution: PT16S' }, 'switch-v2')], env())).toMatchObject({ code: 0 });
    })().finally(() => (switched = true));
    await Promise.all([flow, switches]);

    const versions = await Promise.all(tickets.map((id) => waitUntil(() => sla(id), 20_000, `ticket ${id} in the timer`)));
    expect(new Set(versions.map((v) => v.policyVersion))).toEqual(new Set(['test-fast-24x7', 'switch-v2-fix']));

    await pipeline.recorder.waitFor(() => tickets.every((id) => new Set(pipeline.fired(id).map((m) => m.value.eventId)).size === EXPECTED.length), 30_000);
    await pace(1_000); // a duplicate would arrive right behind
    for (const id of tickets) {
      const fired = pipeline.fired(id).map((m) => `${m.value.clock}:${m.value.percent}`);
      expect({ id, fired: fired.sort() }).toEqual({ id, fired: EXPECTED });
    }
    for (const service of ['priority', 'timer'] as const) {
      const ready = (await (await fetch(`${pipeline.url(service)}/health/ready`)).json()) as { checks: { policy?: { detail?: string } } };
      expect(ready.checks.policy?.detail).toBe('version switch-v2-fix in force, history of 3 versions');
    }
  });
});
