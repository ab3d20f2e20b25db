import { Kafka, logLevel } from 'kafkajs';
import type { SlaTicketOutcome } from '@stageplus/contracts';
import { ensureTopics } from '@stageplus/kafka';
import { slaOutcome, testBrokers, uniqueName } from '@stageplus/testing';
import { runCli } from '../../testing/run-cli';

jest.setTimeout(120_000);

const { kafkaBrokers } = testBrokers();
const topic = uniqueName('test.sla.outcomes');
const kafka = new Kafka({ clientId: 'report-int-spec', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });

const record = (o: SlaTicketOutcome | null, key: string) => ({ key, value: o === null ? null : JSON.stringify(o) });

describe('sla report, live: the compacted sla.outcomes topic read to its end, on the real broker', () => {
  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic, partitions: 2, configs: { 'cleanup.policy': 'compact' } }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        record(slaOutcome('chu-sainte-justine', 'T-1', '2026-03-10T15:00:00.000Z', { priority: 'P1' }), 'chu-sainte-justine:T-1'),
        record(slaOutcome('chu-sainte-justine', 'T-2', '2026-04-01T03:30:00.000Z', { priority: 'P1', statuses: ['breached', 'met'] }), 'chu-sainte-justine:T-2'),
        record(slaOutcome('cisss-laval', 'T-3', '2026-03-11T15:00:00.000Z', { priority: 'P2' }), 'cisss-laval:T-3'),
        record(slaOutcome('chu-sainte-justine', 'T-4', '2026-03-12T15:00:00.000Z', { priority: 'P3' }), 'chu-sainte-justine:T-4'),
        record(null, 'chu-sainte-justine:T-4'), // withdrawn: a tombstone
        { key: 'garbage', value: '{"type":"sla.outcome"}' },
      ],
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('reports the outcomes on the topic now, a bad record on stderr, and ends', () => {
    const env = { KAFKA_BROKERS: kafkaBrokers.join(','), TOPIC_SLA_OUTCOMES: topic };
    const run = runCli(['report', '--tenant', 'chu-sainte-justine', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'csv', '--lang', 'en'], '', env);
    expect(run.stdout.split('\r\n')).toEqual([
      'tenant,month,priority,clock,met,breached,total,compliance (%)',
      'chu-sainte-justine,2026-03,P1,response,1,1,2,50.0',
      'chu-sainte-justine,2026-03,P1,resolution,2,0,2,100.0',
      '',
    ]);
    expect(run.stderr).toContain('OUTCOME.INVALID');
    expect(run.status).toBe(1);
  });

  it('given an empty topic, reports no ticket and ends at once', async () => {
    const empty = uniqueName('test.sla.outcomes.empty');
    await ensureTopics(kafka, [empty], 1);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const run = runCli(['report', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'csv'], '', { KAFKA_BROKERS: kafkaBrokers.join(','), TOPIC_SLA_OUTCOMES: empty });
      expect(run).toMatchObject({ status: 0, stderr: '', stdout: 'établissement,mois,priorité,délai,respectés,dépassés,total,conformité (%)\r\n' });
    } finally {
      await admin.deleteTopics({ topics: [empty] });
      await admin.disconnect();
    }
  });
});
