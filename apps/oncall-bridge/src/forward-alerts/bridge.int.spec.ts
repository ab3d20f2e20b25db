import { slaEvents, testBrokers, TopicRecorder, waitUntil } from '@stageplus/testing';
import type { SlaTopicEvent } from '@stageplus/contracts';
import { BridgeTestBed } from '../testing/bridge-test-bed';
import type { AlertmanagerPayload } from './alertmanager-payload';
import type { PagerDutyEvent } from './pagerduty-event';

jest.setTimeout(90_000);

const TENANT = 'chu-sainte-justine';
const at = (minute: number) => new Date(Date.UTC(2026, 5, 16, 14, minute)).toISOString();
const esc50 = { percent: 50, type: 'sla.escalated' as const, level: 1 };
const esc75 = { percent: 75, type: 'sla.escalated' as const, level: 2 };

describe('the on-call bridge, against a local webhook and the real Kafka and Redis', () => {
  let bed: BridgeTestBed;

  beforeEach(async () => {
    bed = await BridgeTestBed.create();
  });

  afterEach(async () => {
    await bed?.cleanup();
  });

  const received = (n: number) => waitUntil(async () => (bed.receiver.received.length >= n ? bed.receiver.received : undefined), 30_000, `${n} deliveries`);

  it('fires then resolves one Alertmanager alert, delivering a re-published escalation once', async () => {
    await bed.receiver.up();
    await bed.startBridge({ BRIDGE_FORMAT: 'alertmanager' });
    const t = slaEvents(TENANT, 'T-AM');
    const e75 = t.escalated(75, 2, at(15));
    await bed.publish('escalations', t.escalated(50, 1, at(10)), e75, e75, t.cleared([esc50, esc75], at(20)));

    const bodies = (await received(3)) as AlertmanagerPayload[];
    expect(bodies.map((b) => [b.status, b.alerts[0].labels.level])).toEqual([['firing', '1'], ['firing', '2'], ['resolved', '2']]);
    expect(new Set(bodies.map((b) => b.alerts[0].fingerprint)).size).toBe(1);
    expect(bodies[2].alerts[0].endsAt).toBe(at(20));
    expect(bed.receiver.requests).toBe(3);
  });

  it('triggers then resolves one PagerDuty incident; the breached clear, on both topics, resolves it once, after the breach', async () => {
    await bed.receiver.up();
    await bed.startBridge({ BRIDGE_FORMAT: 'pagerduty', BRIDGE_ROUTING_KEY: 'test-routing-key' });
    const t = slaEvents(TENANT, 'T-PD');
    await bed.publish('escalations', t.escalated(50, 1, at(10)));
    await received(1);
    const clear = t.cleared([esc50, { percent: 100, type: 'sla.breached', level: null }], at(30));
    await bed.publish('escalations', clear); // before the breach is even published: this copy is not the one forwarded
    await bed.publish('breaches', t.breached(at(20)), clear);

    const bodies = (await received(3)) as PagerDutyEvent[];
    expect(bodies.map((b) => [b.event_action, b.event_action === 'trigger' ? b.payload.severity : null])).toEqual([
      ['trigger', 'info'],
      ['trigger', 'critical'],
      ['resolve', null],
    ]);
    expect(bodies.every((b) => b.dedup_key === t.alertKey && b.routing_key === 'test-routing-key')).toBe(true);
  });

  it('delivers every alert exactly once, in order per alert, after the webhook refused connections, then answered 503, then came back', async () => {
    const url = await bed.startBridge({ BRIDGE_FORMAT: 'alertmanager' }); // the receiver is down: connections refused
    const tickets = ['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6'].map((id) => slaEvents(TENANT, id));
    for (const t of tickets) await bed.publish('escalations', t.escalated(50, 1, at(10)), t.escalated(75, 2, at(15)), t.cleared([esc50, esc75], at(20)));
    await bed.publish('escalations', tickets[0].escalated(75, 2, at(15))); // a re-publication, as after a timer crash

    const notReady = await waitUntil(async () => {
      const body = (await (await fetch(`${url}/health/ready`)).json()) as { status: string; checks: Record<string, { status: string; detail?: string }> };
      return body.checks.webhook.status === 'down' ? body : undefined;
    }, 20_000, 'readiness to say the webhook is down');
    expect(notReady.status).toBe('not-ready');
    expect(notReady.checks.webhook.detail).toMatch(/ECONNREFUSED/);

    bed.receiver.answer = () => ({ status: 503, retryAfter: '0' });
    await bed.receiver.up();
    await waitUntil(async () => (bed.receiver.requests >= 6 ? true : undefined), 20_000, 'the bridge to retry against 503s');
    expect(bed.receiver.received).toHaveLength(0);
    bed.receiver.answer = () => ({ status: 202 });

    const bodies = (await received(18)) as AlertmanagerPayload[];
    const byAlert = new Map<string, string[]>();
    for (const b of bodies) byAlert.set(b.alerts[0].fingerprint, [...(byAlert.get(b.alerts[0].fingerprint) ?? []), `${b.status}:${b.alerts[0].labels.level}`]);
    expect([...byAlert.values()]).toEqual(tickets.map(() => ['firing:1', 'firing:2', 'resolved:2']));
    await waitUntil(async () => ((await fetch(`${url}/health/ready`)).status === 200 ? true : undefined), 10_000, 'readiness to recover');
    expect(bed.receiver.received).toHaveLength(18);
  });

  it('commits nothing it did not deliver: a bridge stopped while the webhook is down leaves the alerts to the next one', async () => {
    const group = { BRIDGE_FORMAT: 'pagerduty', BRIDGE_ROUTING_KEY: 'k', BRIDGE_GROUP_ID: `${bed.prefix.replace(/[^A-Za-z0-9._-]/g, '-')}group` };
    const url = await bed.startBridge(group);
    const t = slaEvents(TENANT, 'T-RESTART');
    await bed.publish('escalations', t.escalated(50, 1, at(10)), t.cleared([esc50], at(12)));
    await waitUntil(async () => ((await fetch(`${url}/health/ready`)).status === 503 ? true : undefined), 20_000, 'the bridge to be retrying');
    await bed.stopBridge();

    await bed.receiver.up();
    await bed.startBridge(group);
    const bodies = (await received(2)) as PagerDutyEvent[];
    expect(bodies.map((b) => b.event_action)).toEqual(['trigger', 'resolve']);
  });

  it('does not retry a 400: the event goes to <topic>.bridge.dlq with the reason, and the next one is delivered', async () => {
    const t = slaEvents(TENANT, 'T-BAD');
    const refusedEvent = t.escalated(50, 1, at(10));
    bed.receiver.answer = (body) => ((body as AlertmanagerPayload).alerts[0].labels.level === '1' ? { status: 400 } : { status: 202 });
    await bed.receiver.up();
    const dlq = await new TopicRecorder(testBrokers().kafkaBrokers, [bed.escalationsDlq]).start();
    try {
      await bed.startBridge({ BRIDGE_FORMAT: 'alertmanager' });
      await bed.publish('escalations', refusedEvent, t.escalated(75, 2, at(15)));
      await received(1);
      await dlq.waitFor((m) => m.length >= 1, 30_000);
      expect(bed.receiver.requests).toBe(2);
      const letter = dlq.messages[0].value as { reason: string; message: string; value: string };
      expect(letter.reason).toBe('BRIDGE.WEBHOOK_REJECTED');
      expect(letter.message).toContain('HTTP 400');
      expect((JSON.parse(letter.value) as SlaTopicEvent).eventId).toBe(refusedEvent.eventId);
    } finally {
      await dlq.stop();
    }
  });
});
