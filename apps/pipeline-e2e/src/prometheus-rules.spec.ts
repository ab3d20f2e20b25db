import { FAST_POLICY_PATH, testBrokers, ticketEvents, waitUntil } from '@stageplus/testing';
import { Kafka, logLevel } from 'kafkajs';
import { FlakyWebhook, OncallBridgeProcess } from './testing/oncall-bridge-process';
import { Pipeline } from './testing/pipeline';
import { ensurePrometheus, PrivatePrometheus, SLA_RULES_FILE, type PromRuleGroup } from './testing/private-prometheus';
import { deleteKeysUnder } from './testing/redis-cleanup';

jest.setTimeout(90_000);

/** Writes what no producer of the system would, a value that is not JSON: priority dead-letters it. */
async function sendNotJson(topic: string): Promise<void> {
  const producer = new Kafka({ clientId: 'prometheus-rules-spec', brokers: testBrokers().kafkaBrokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'not-json', value: '{not json' }] });
  } finally {
    await producer.disconnect();
  }
}

/**
 * The alerting rules (tools/observability/rules) on the real `prometheus` binary, scraping the
 * services as `npm start` runs them: intake, priority, timer, console and the on-call bridge.
 */
describe('the SLA alerting rules on a real Prometheus scraping the running services', () => {
  const pipeline = new Pipeline(FAST_POLICY_PATH);
  const webhook = new FlakyWebhook();
  let bridge: OncallBridgeProcess | undefined;
  const prometheus = new PrivatePrometheus([SLA_RULES_FILE]);
  let startedAt = 0;

  beforeAll(async () => {
    ensurePrometheus();
    await Promise.all([pipeline.start(), webhook.up()]);
    bridge = new OncallBridgeProcess(pipeline, webhook.url);
    await Promise.all([pipeline.startService('console'), bridge.start()]);
    startedAt = Date.now();
    await prometheus.start([
      ...(['intake', 'priority', 'timer', 'console'] as const).map((job) => ({ job, url: pipeline.url(job) })),
      { job: 'oncall-bridge', url: bridge.url },
    ]);
  });
  afterAll(async () => {
    await prometheus.stop();
    await bridge?.stop();
    await pipeline.stop();
    await webhook.down();
    await deleteKeysUnder(`${pipeline.id}:`);
  });

  it('scrapes every service: each target is up', async () => {
    const targets = await waitUntil(
      async () => {
        const all = await prometheus.targets();
        return all.length === 5 && all.every((t) => t.health === 'up') ? all : undefined;
      },
      15_000,
      `five targets up: ${JSON.stringify(await prometheus.targets().catch(() => []))}`,
    );
    expect(targets.map((t) => t.labels.job).sort()).toEqual(['console', 'intake', 'oncall-bridge', 'priority', 'timer']);
    expect((await prometheus.query('up == 0')).map((s) => s.metric.job)).toEqual([]);
  });

  it('loads every rule group of the rules file and evaluates every rule without error', async () => {
    const evaluated = (g: PromRuleGroup) => Date.parse(g.lastEvaluation) > startedAt && g.rules.every((r) => r.health !== 'unknown');
    const groups = await waitUntil(
      async () => {
        const all = await prometheus.ruleGroups();
        return all.length > 0 && all.every(evaluated) ? all : undefined;
      },
      15_000,
      'every rule group evaluated once',
    );
    expect(groups.map((g) => g.name).sort()).toEqual(['sla-monitor.alerts', 'sla-monitor.recording']);
    expect(groups.every((g) => g.file === SLA_RULES_FILE)).toBe(true);
    const failing = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`));
    expect(failing).toEqual([]);
    const alerts = groups.flatMap((g) => g.rules.filter((r) => r.type === 'alerting').map((r) => r.name));
    expect(alerts).toEqual(expect.arrayContaining(['SlaTargetDown', 'SlaTimerPartitionsUnowned', 'SlaBreachesAboveUsual', 'SlaBridgeDeliveryFailing']));
  });

  it('holds the SLA series of a breached ticket, by tenant, and of a dead letter, which fires SlaDeadLetters', async () => {
    const { ticketId, event } = ticketEvents('tenant-a');
    await pipeline.postOk(event('ticket.opened', Date.now(), { impact: 1, urgency: 1 }));
    await sendNotJson(pipeline.topics.events);
    await pipeline.recorder.waitFor(() => pipeline.fired(ticketId).some((m) => m.value.type === 'sla.breached'), 20_000);

    const present = async (expr: string) => ((await prometheus.query(expr)).length > 0 ? true : undefined);
    for (const expr of [
      'sla_events_in_total{job="intake", source="http", outcome="accepted"}',
      'sla_timer_open_tickets{job="timer"}',
      'sla_fired_total{job="timer", tenant="tenant-a", type="sla.breached"}',
      'sla_firing_lateness_seconds_bucket{job="timer"}',
      'sla_dead_letters_total{job="priority", reason="MESSAGE.NOT_JSON"}',
      'sla_bridge_retries_total{job="oncall-bridge"}',
      'sla_bridge_deliveries_total{job="oncall-bridge", outcome="delivered"}',
      'tenant_type:sla_fired:rate1h{tenant="tenant-a", type="sla.breached"}',
      'ALERTS{alertname="SlaDeadLetters", alertstate="firing", reason="MESSAGE.NOT_JSON"}',
    ]) {
      await waitUntil(() => present(expr), 15_000, `${expr} in Prometheus`);
    }
    const [ready] = await prometheus.query('count(sla_timer_owned_partitions{state="ready"})');
    const [input] = await prometheus.query('sla_timer_input_partitions');
    expect(Number(ready.value[1])).toBe(Number(input.value[1]));
    expect(Number(input.value[1])).toBeGreaterThan(0);
    const firing = (await prometheus.query('ALERTS{alertstate="firing"}')).map((s) => s.metric.alertname);
    expect(firing).toEqual(['SlaDeadLetters']);
  });
});
