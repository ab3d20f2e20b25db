import { slaEvents, uniqueName, waitUntil } from '@stageplus/testing';
import { AlertmanagerProcess, ensureAlertmanager, type GettableAlert } from '../../testing/alertmanager-process';
import { BridgeProcess } from '../../testing/bridge-process';
import { BridgeTestBed } from '../../testing/bridge-test-bed';
import type { AlertmanagerPayload } from '../alertmanager-payload';

jest.setTimeout(300_000);

const TENANT = 'chu-sainte-justine';
/** Alertmanager's `resolve_timeout` in this suite is 1 min: 90 s without a re-send would resolve the alert. */
const PAST_RESOLVE_TIMEOUT_MS = 90_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the bridge against a real Prometheus Alertmanager (Debian 0.25, API v2)', () => {
  let bed: BridgeTestBed;
  let alertmanager: AlertmanagerProcess;
  let bridge: BridgeProcess | null = null;

  beforeAll(async () => {
    ensureAlertmanager();
    bed = await BridgeTestBed.create();
    await bed.receiver.up();
    alertmanager = await AlertmanagerProcess.start(bed.receiver.url);
  });

  afterAll(async () => {
    await bridge?.stop();
    await alertmanager?.stop();
    await bed?.cleanup();
  });

  const group = uniqueName('bridge-am').replace(/[^A-Za-z0-9._-]/g, '-');
  const startBridge = () =>
    BridgeProcess.start({
      BRIDGE_FORMAT: 'alertmanager-api',
      BRIDGE_WEBHOOK_URL: `${alertmanager.url}/api/v2/alerts`,
      BRIDGE_RESEND_INTERVAL_MS: '10000',
      BRIDGE_GROUP_ID: group,
      BRIDGE_EXTERNAL_URL: 'http://sla.test',
      REDIS_PREFIX: bed.prefix,
      TOPIC_SLA_ESCALATIONS: bed.escalations,
      TOPIC_SLA_BREACHES: bed.breaches,
    });

  const alertsOf = async (ticket: string) => (await alertmanager.alerts()).filter((a) => a.labels.ticket === ticket);
  const firingAt = (ticket: string, level: string) =>
    waitUntil(async () => {
      const alerts = await alertsOf(ticket);
      return alerts.length === 1 && alerts[0].labels.level === level ? alerts[0] : undefined;
    }, 30_000, `${ticket} firing at level ${level} alone in Alertmanager`);
  const notifications = (ticket: string) => (bed.receiver.received as AlertmanagerPayload[]).filter((n) => n.groupLabels.ticket === ticket);

  it('keeps an escalation firing past resolve_timeout by re-sending it, across a SIGKILL of the bridge, and resolves it at the clear', async () => {
    const ticket = uniqueName('T').replace(/[^A-Za-z0-9._:@-]/g, '-');
    const t = slaEvents(TENANT, ticket);
    bridge = await startBridge();
    const firstAt = Date.now();
    await bed.publish('escalations', t.escalated(50, 1, iso(firstAt)));
    await firingAt(ticket, '1');
    await waitUntil(async () => (notifications(ticket).length > 0 ? true : undefined), 15_000, 'the receiver to be told of level 1');
    await bed.publish('escalations', t.escalated(75, 2, iso(firstAt + 1_000)));
    const firing: GettableAlert = await firingAt(ticket, '2');
    expect(firing.labels).toEqual({ alertname: 'SlaResponseAtRisk', tenant: TENANT, ticket, clock: 'response', severity: 'warning', level: '2', priority: 'P2', plan: 'PLUS' });
    expect(firing.annotations).toMatchObject({ summary: expect.stringContaining('escalade niveau 2'), summary_en: expect.stringContaining('escalation level 2') });
    expect(firing.startsAt).toBe(iso(firstAt));
    const risenAt = Date.now();

    // A re-send (the alert's updatedAt moves on), then a crash: the next instance re-sends from Redis.
    await waitUntil(async () => ((await alertsOf(ticket))[0]?.updatedAt !== firing.updatedAt ? true : undefined), 20_000, 'a re-send');
    await bridge.kill();
    bridge = await startBridge();

    // Still firing all the while, well past resolve_timeout after the level rose.
    let gone: string | null = null;
    await waitUntil(async () => {
      if ((await alertsOf(ticket)).length !== 1) gone ??= `gone after ${Date.now() - risenAt} ms`;
      return Date.now() - risenAt >= PAST_RESOLVE_TIMEOUT_MS ? true : undefined;
    }, PAST_RESOLVE_TIMEOUT_MS + 10_000, `${PAST_RESOLVE_TIMEOUT_MS} ms`);
    expect(gone).toBeNull();

    const clearedAt = Date.now();
    await bed.publish('escalations', t.cleared([{ percent: 50, type: 'sla.escalated', level: 1 }, { percent: 75, type: 'sla.escalated', level: 2 }], iso(clearedAt)));
    await waitUntil(async () => ((await alertsOf(ticket)).length === 0 ? true : undefined), 10_000, 'Alertmanager to resolve the alert');
    const resolvedWithinMs = Date.now() - clearedAt;
    expect(resolvedWithinMs).toBeLessThan(5_000);

    // The receiver was told: level 1 firing, level 2 firing as level 1 ended, then level 2 resolved.
    await waitUntil(async () => (notifications(ticket).some((n) => n.status === 'resolved') ? true : undefined), 15_000, 'the resolved notification');
    const told = notifications(ticket).map((n) => n.alerts.map((a) => `${a.labels.level}:${a.status}`).sort().join(' '));
    expect(told[0]).toBe('1:firing');
    expect(told).toContain('1:resolved 2:firing');
    expect(told.at(-1)).toBe('2:resolved');
  });
});
